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
   * What the listing shows of the request, field by field: its provider's identity of it (`listedIdentity`)
   * recognises a task push made when no record says so, and `push import` writes a campaign from it.
   */
  shown?: Shown;
}

/**
 * The fields a listing shows (api-facts §2.8 PushInfo, §3.8 QueryPushSchedulerList): nothing more of the request
 * comes back, so nothing more can be imported.
 */
export type Shown =
  | { provider: "emas"; title?: string; body?: string; target: string; deviceType: string; pushType: string }
  | {
      provider: "mpaas";
      title?: string;
      content?: string;
      /** `Type`: 0 simple, 1 template, 2 batch, 3 broadcast. */
      type: number;
      deliveryType: number;
      strategyType: number;
      /** How many runs (loop children) the listing shows. */
      runs: number;
    };

/**
 * A campaign `push import` can write from a listed task: its fields after `id` and `app`, in the order a file
 * shows them, the audience key its ids go under when the listing does not show them, and what of the request the
 * listing does not show (the file cannot state it). Or why no campaign can be written, and what to do instead.
 */
export type Draft = { fields: Record<string, unknown>; audienceKey: string | null; unseen: string[] } | { cannot: string; hint: string };

/** What to do about a task no campaign can be written for from its listing. */
export const WRITE_BY_HAND =
  "write its campaign by hand with the title, body and time the listing shows: push plan adopts the task instead of sending it again";
/** What to do about a task whose ids no listing shows. */
export const GIVE_AUDIENCE = "give them: --audience <id>=FILE, one id per line (the console shows the task's targets)";

/** What a draft is made with: the ids given for the task (`--audience`), and the zone its time is written in. */
export interface DraftContext {
  audience: string[] | null;
  zone: string;
}
