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
}
