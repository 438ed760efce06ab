import type { AppRef } from "./app.js";
import type { CompiledTask, ProviderName } from "./task.js";

/**
 * Recorded state, per task key. Versioned envelope with a lineage (set once, when the state is created) and a
 * serial (bumped by every commit), as OpenTofu's statefile does: a saved plan records both and is refused when
 * they moved.
 */
/** The state format this push reads and writes; a state of a newer one is refused by name. */
export const STATE_FORMAT_VERSION = 1;

export interface StateSnapshot {
  version: typeof STATE_FORMAT_VERSION;
  lineage: string;
  serial: number;
  tasks: Record<string, TaskRecord>;
  history: HistoryEntry[];
}

export type TaskStatus =
  /** Journaled before the remote call; the outcome is not known yet (a crash leaves it so). */
  | "pending"
  | "scheduled"
  | "sent"
  /** Journaled before a cancel call. */
  | "cancelling"
  | "cancelled";

export interface TaskRecord {
  key: string;
  campaign: string;
  provider: ProviderName;
  app: string;
  appRef: AppRef;
  /** EMAS MessageId (digit string: it exceeds 2^53) or mPaaS scheduled task id; null until known. */
  remoteId: string | null;
  hash: string;
  sendAt: string | null;
  status: TaskStatus;
  /** The idempotency value used for the last create (EMAS IdempotentToken; mPaaS message keys). */
  idempotencyKey?: string;
  /** How many creates of this key came before the one recorded (absent: none); see `Operation.generation`. */
  generation?: number;
  /** The compiled request as last sent (no credentials are ever part of a request). */
  request: CompiledTask["request"];
  /** Recorded from the campaign's `protect: true`: blocks a cancel even once the campaign file is deleted. */
  protect?: boolean;
  /** The campaign's zone when the task was created, to show its time in once the campaign is gone. */
  timezone?: string;
  /** `import`: adopted from the provider; `push`: created by this tool. */
  origin: "push" | "import";
  /**
   * Sent in one MassPushV2 call: its token and members in order. A rerun after an unknown outcome resubmits
   * exactly this batch, so the provider recognises the token and answers with the first result.
   */
  batch?: { token: string; keys: string[] };
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  at: string;
  /** Who ran it: `$GITHUB_ACTOR`, else `$USER@hostname`. */
  actor: string;
  /** `$GITHUB_SHA`, else `git rev-parse HEAD`, else null. */
  commit: string | null;
  command: string;
  /** The plan id an apply carried out (written since the field exists; older entries say it only in `command`). */
  plan?: string;
  /** One line per operation carried out: `create order-reminder -> 11747540331280012`. */
  operations: Array<{ kind: string; key: string; remoteId?: string | null; outcome: "ok" | "failed"; error?: string }>;
}

/** One atomic change to the state. Backends apply it all or nothing and bump the serial. */
export interface StateChange {
  upsert?: TaskRecord[];
  remove?: string[];
  history?: HistoryEntry[];
}

export function emptySnapshot(lineage: string): StateSnapshot {
  return { version: STATE_FORMAT_VERSION, lineage, serial: 0, tasks: {}, history: [] };
}
