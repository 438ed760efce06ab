/**
 * Carries out a Plan exactly once: under the state lock, each remote call is journaled before (pending /
 * cancelling, with the exact request and its idempotency values) and after (scheduled / sent / cancelled). A
 * rerun after a crash at any point finds the pending record, and the next plan resumes it with the same values:
 * EMAS answers a repeated IdempotentToken with the first MessageId; mPaaS refuses a repeated message key, which
 * tells apply the task exists.
 */
import type { Operation, Plan } from "../model/plan.js";
import type { ProviderRegistry } from "../providers/provider.js";
import type { StateBackend } from "../state/backend.js";
import { checkPlanApplicable } from "../plan/planfile.js";
import { ApplyRun } from "./run.js";

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
  progress?: (line: string) => void;
}

export interface ApplyResult {
  refused: string[];
  done: Array<{ kind: Operation["kind"]; key: string; remoteId: string | null }>;
  failed: Array<{ kind: Operation["kind"]; key: string; error: string }>;
  /**
   * Set when the state could not record a change (full disk, lock lost, state moved under this apply): apply
   * stopped there and sent nothing more. `unrecorded`: what the provider did that state does not say it did.
   */
  stopped?: { reason: string; unrecorded: Array<{ kind: Operation["kind"]; key: string; remoteId: string | null }>; notCarriedOut: string[] };
}

export async function apply(input: ApplyInput): Promise<ApplyResult> {
  const unlock = await input.backend.lock({ owner: input.identity.actor, operation: "apply", acquiredAt: new Date(input.now()).toISOString() }, { waitMs: input.lockWaitMs ?? 30_000 });
  try {
    const snapshot = await input.backend.read();
    const refused = checkPlanApplicable(input.plan, snapshot, input.now());
    if (refused.length) return { refused, done: [], failed: [] };
    return await new ApplyRun(input, snapshot).run();
  } finally {
    await unlock();
  }
}
