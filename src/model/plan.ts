/**
 * A plan is a value, apart from its rendering (OpenTofu `plans.Plan`): the operations to carry out, what was
 * observed, and what a saved plan needs to be refused later (state lineage and serial, earliest send time, and
 * `planId`, the digest of everything else, so an edited plan file is refused too).
 * Operation kinds are a closed union; `reason` is for display and never drives apply.
 */
import type { CampaignInfo } from "./campaign.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RemoteTask } from "./remote.js";
import type { TaskRecord } from "./state.js";
import type { CompiledTask, DeferredOccurrences } from "./task.js";

/**
 * Version 4: mPaaS StrategyContent and TargetMsgkey are data in a task's request, not JSON text. Version 3: the environment a plan is made for. Version 2: `planId` is the digest of the rest of the plan;
 * idempotency generations; state-only `protect` operations.
 */
export const PLAN_FORMAT_VERSION = 4;

/** The run's environment, as the config resolves it: the `--env` overlay and where requests go. */
export interface RunEnvironment {
  /** The `--env` name; null: the config without an overlay. */
  name: string | null;
  /** `local` (the embedded emulator), a URL, or null: Alibaba Cloud. */
  endpoint: string | null;
  region: string;
}

/** What a saved plan is made for: apply refuses it under another environment, naming this one. */
export interface PlanEnvironment extends RunEnvironment {
  /**
   * Digest of the endpoint, the region and the provider-side identity (app keys; app and workspace ids) of the
   * apps the plan's operations address: another value means its requests would reach other apps.
   */
  digest: string;
}

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** What a create or a replace sends. `task` is exactly what apply sends; its `hash` is its own content hash. */
export interface Sends {
  task: CompiledTask;
  /**
   * How many creates of this key came before (absent: none). Generation 0 sends the compiled idempotency values;
   * a later one values derived from them, so a task cancelled outside push, or replaced and later restored, is
   * created anew instead of being answered with the earlier task.
   */
  generation?: number;
  /**
   * The compiled task's hash, recorded in state for later plans to compare against. Absent: `task.hash`. It
   * differs when `task` is the rest of a running mPaaS loop (or a create of one resumed after a crash).
   */
  compiledHash?: string;
  /** `protect: true` on the campaign: recorded with the task, so deleting the campaign cannot cancel it. */
  protect?: boolean;
  /** The campaign's zone, recorded with the task: a later plan shows its time in it once the campaign is gone. */
  timezone?: string;
}

export type Operation =
  | ({ kind: "create"; key: string; reason: string } & Sends)
  | ({ kind: "replace"; key: string; prior: TaskRecord; changes: FieldChange[]; reason: string } & Sends)
  /** `remoteId`: of a pending record, the task the provider lists for it (the record has none). */
  | { kind: "cancel"; key: string; prior: TaskRecord; reason: string; remoteId?: string }
  /**
   * State only: a task push made that no record holds (a lost state, a reply lost in a crash), recognised on the
   * provider by what its listing shows; apply records it and sends nothing.
   */
  | ({ kind: "adopt"; key: string; remoteId: string; status: "scheduled" | "sent"; reason: string; prior?: TaskRecord } & Pick<
      Sends,
      "task" | "protect" | "timezone"
    >)
  /** State only: a renamed campaign's record moves from its former key (`from`) to this one; nothing is sent. */
  | { kind: "move"; key: string; from: string; campaign: string; prior: TaskRecord; reason: string }
  /** State only: records that a scheduled task is protected (or no longer); the provider is not called. */
  | { kind: "protect"; key: string; prior: TaskRecord; protect: boolean; reason: string };

export interface Drift {
  key: string;
  remoteId: string | null;
  observed: "cancelled" | "missing";
  detail: string;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** Digest of the rest of the plan: names it in the state history, and shows that a saved plan was not edited. */
  planId: string;
  /** The clock the plan was made at, ISO-8601. */
  createdAt: string;
  state: { lineage: string; serial: number };
  environment: PlanEnvironment;
  /** Earliest send time among the operations; a saved plan is refused once it has passed. */
  earliestSendAt: string | null;
  operations: Operation[];
  unchanged: string[];
  /** Sent tasks whose campaign changed since: history is immutable, never resent. */
  alreadySent: Array<{ key: string; sendAt: string | null }>;
  deferred: Array<{ key: string; sendAt: string }>;
  deferredOccurrences: DeferredOccurrences[];
  /**
   * The first deferred send the plan knows of (ISO-8601 UTC), or null: the next apply must run by then, within the
   * provider's window before it, or that send is missed.
   */
  applyBy: string | null;
  /** Per campaign the plan sends for: the ids it reaches (null: everyone or a tag), their noun, its requests. */
  reach: Array<{ campaign: string; ids: number | null; who: string; requests: number }>;
  /** `--target`: the only campaigns planned (the rest of the project was not); null: all of it. */
  targets: string[] | null;
  /** Per campaign the plan creates or replaces tasks of: its first coming sends (each run of a loop), ISO-8601 UTC. */
  nextSends: Array<{ campaign: string; at: string[] }>;
  drift: Drift[];
  unmanaged: RemoteTask[];
  /**
   * Changes `protect: true` keeps from being carried out: a replace (with the field changes that are not sent) or
   * a cancel. They count as changes for `--detailed-exitcode`: an edit that is never sent is not "no changes".
   */
  blocked: Array<{ key: string; kind: "replace" | "cancel"; reason: string; changes?: FieldChange[] }>;
  campaigns: CampaignInfo[];
  diagnostics: Diagnostic[];
  summary: { create: number; replace: number; cancel: number; protect: number; adopt: number; move: number; unchanged: number; blocked: number };
}
