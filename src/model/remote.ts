import type { AppRef } from "./app.js";

/** A task as the provider lists it (EMAS QueryPushRecords, mPaaS QueryPushSchedulerList). */
export interface RemoteTask {
  appRef: AppRef;
  /** EMAS MessageId (digit string) or mPaaS scheduled task id (UniqueId; for loop children the ParentId). */
  remoteId: string;
  /** mPaaS loop children: the loop (parent) id. */
  parentId?: string;
  /** Planned send instant, ISO-8601 UTC. */
  sendAt: string | null;
  status: "scheduled" | "sent" | "cancelled" | "unknown";
  title?: string;
  body?: string;
  /**
   * What the listing shows of the request, as its provider's identity module reads it (providers/<p>/identity.ts):
   * compared with what a compiled task would show, to recognise a task push made when no record says so.
   */
  identity?: string;
}
