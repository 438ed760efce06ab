/** The input, result and running context of one apply, shared by its steps. */
import type { Operation, Plan } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import type { ProviderRegistry } from "../providers/provider.js";
import type { StateError, StateBackend } from "../state/backend.js";
import type { ApplyEvent } from "./events.js";

export interface ApplyInput {
  plan: Plan;
  backend: StateBackend;
  providers: ProviderRegistry;
  /** The plan's clock (records, expiry): pinned by --now in tests and previews. */
  now: () => number;
  /** A monotonic clock in ms for spacing requests: real time even when `now` is pinned. */
  ticks: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Requests per second per app. */
  rateLimit: number;
  identity: { actor: string; commit: string | null };
  retry?: { attempts: number; baseMs: number; maxMs: number };
  lockWaitMs?: number;
  progress?: (event: ApplyEvent) => void;
}

export type Carried = { kind: Operation["kind"]; key: string; remoteId: string | null };

export interface ApplyResult {
  refused: string[];
  done: Carried[];
  failed: Array<{ kind: Operation["kind"]; key: string; error: string }>;
  /**
   * Set when the state could not record a change (full disk, lock lost, state moved under this apply): apply
   * stopped there and sent nothing more. `unrecorded`: what the provider did that state does not say it did.
   */
  stopped?: { reason: string; unrecorded: Carried[]; notCarriedOut: string[] };
}

/** Thrown out of an operation once the state refused a write: apply sends nothing after it. */
export class Stop extends Error {
  constructor(readonly reason: StateError) {
    super(reason.message);
  }
}

export type Sending = Extract<Operation, { kind: "create" | "replace" }>;

/** One apply under way: what state held at the start and what this apply has done since. */
export interface Run {
  input: ApplyInput;
  retry: { attempts: number; baseMs: number; maxMs: number };
  snapshot: StateSnapshot;
  /** The serial this apply last wrote: every commit is fenced by it. */
  serial: number;
  /** The remote id of each task key, as state records it and as this apply sets it. */
  remoteIds: Map<string, string | null>;
  /** Every id state knows, for the check that a create got a task of its own. */
  knownIds: Set<string>;
  failedKeys: Set<string>;
  /** The next free request slot of each app, in ticks. */
  nextSlot: Map<string, number>;
  sendingOps: Map<string, Sending>;
  result: ApplyResult;
  unrecorded: Carried[];
}

export function startRun(input: ApplyInput, snapshot: StateSnapshot, result: ApplyResult): Run {
  return {
    input,
    retry: input.retry ?? { attempts: 6, baseMs: 200, maxMs: 5_000 },
    snapshot,
    serial: snapshot.serial,
    remoteIds: new Map(Object.values(snapshot.tasks).map((r) => [r.key, r.remoteId])),
    knownIds: new Set(Object.values(snapshot.tasks).flatMap((r) => (r.remoteId ? [r.remoteId] : []))),
    failedKeys: new Set(),
    nextSlot: new Map(),
    sendingOps: new Map(input.plan.operations.flatMap((op) => (op.kind === "create" || op.kind === "replace" ? [[op.key, op] as const] : []))),
    result,
    unrecorded: [],
  };
}
