/**
 * Carries out a Plan exactly once: under the state lock, each remote call is journaled before (pending /
 * cancelling, with the exact request and its idempotency values) and after (scheduled / sent / cancelled). A
 * rerun after a crash at any point finds the pending record, and the next plan resumes it with the same values:
 * EMAS answers a repeated IdempotentToken with the first MessageId; mPaaS refuses a repeated message key, which
 * tells apply the task exists.
 */
import type { Operation } from "../model/plan.js";
import { checkPlanApplicable } from "../plan/planfile.js";
import { timestamp } from "../lib/time/instant.js";
import type { Batch } from "./batch.js";
import { runBatch } from "./batch-run.js";
import { cancel } from "./cancel.js";
import { create } from "./create.js";
import { entry, ok, record } from "./journal.js";
import { orderOperations } from "./order.js";
import { recordOf, withProtection } from "./records.js";
import { startRun, Stop, type ApplyInput, type ApplyResult, type Run } from "./run.js";

export type { ApplyInput, ApplyResult } from "./run.js";
export type { ApplyEvent } from "./events.js";

export async function apply(input: ApplyInput): Promise<ApplyResult> {
  const result: ApplyResult = { refused: [], done: [], failed: [] };
  const unlock = await input.backend.lock(
    { owner: input.identity.actor, operation: "apply", acquiredAt: timestamp(input.now()) },
    { waitMs: input.lockWaitMs ?? 30_000 },
  );
  try {
    const snapshot = await input.backend.read();
    result.refused = checkPlanApplicable(input.plan, snapshot, input.now());
    if (result.refused.length) return result;
    const run = startRun(input, snapshot, result);
    try {
      for (const op of await orderOperations(run)) await runOne(run, op);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      stopped(run, e);
    }
    return result;
  } finally {
    await unlock();
  }
}

/** Sets the result's `stopped`: the reason, what went unrecorded, and the operations not reached. */
function stopped(run: Run, e: Stop): void {
  const { result, unrecorded } = run;
  const finished = new Set([...result.done, ...result.failed, ...unrecorded].map((d) => d.key));
  result.stopped = { reason: e.message, unrecorded, notCarriedOut: run.input.plan.operations.map((op) => op.key).filter((k) => !finished.has(k)) };
  run.input.progress?.({ kind: "stopped", reason: e.message });
}

/** One operation or batch; a failure is recorded in history and apply goes on, a Stop ends the apply. */
async function runOne(run: Run, op: Operation | Batch): Promise<void> {
  if ("token" in op) return runBatch(run, op);
  const { input, result } = run;
  try {
    result.done.push({ kind: op.kind, key: op.key, remoteId: await carryOut(run, op) });
    input.progress?.({ kind: "done", op: op.kind, key: op.key });
  } catch (e) {
    if (e instanceof Stop) throw e;
    run.failedKeys.add(op.key);
    const message = e instanceof Error ? e.message : String(e);
    result.failed.push({ kind: op.kind, key: op.key, error: message });
    input.progress?.({ kind: "failed", op: op.kind, key: op.key, message });
    await record(run, { history: [entry(run, [{ kind: op.kind, key: op.key, outcome: "failed", error: message }])] });
  }
}

/** Carries `op` out and returns the remote id it leaves. */
async function carryOut(run: Run, op: Operation): Promise<string | null> {
  // The state's record, which the plan's copy matches (checked before): apply acts on what state holds.
  const recorded = run.snapshot.tasks[op.key];
  switch (op.kind) {
    case "cancel": {
      const target = op.remoteId ? { ...recorded!, remoteId: op.remoteId } : recorded!;
      await cancel(run, target);
      return target.remoteId;
    }
    case "replace":
      return create(run, op, await cancel(run, recorded!));
    case "create":
      return create(run, op, (await run.input.backend.read()).tasks[op.key]);
    case "protect":
      await record(run, { upsert: [withProtection(recorded!, op.protect, run.input.now())], history: [ok(run, op.kind, op.key, recorded!.remoteId)] });
      return recorded!.remoteId;
    case "move": {
      const from = run.snapshot.tasks[op.from]!;
      const moved = { ...from, key: op.key, campaign: op.campaign, updatedAt: timestamp(run.input.now()) };
      await record(run, { remove: [op.from], upsert: [moved], history: [ok(run, op.kind, op.key, from.remoteId)] });
      return from.remoteId;
    }
    case "adopt": {
      const sends = { ...(op.protect ? { protect: true } : {}), ...(op.timezone ? { timezone: op.timezone } : {}) };
      const adopted = recordOf(op.task, sends, op.status, op.remoteId, run.input.now(), recorded);
      await record(run, { upsert: [adopted], history: [ok(run, op.kind, op.key, op.remoteId)] });
      return op.remoteId;
    }
    default: {
      const never: never = op;
      throw new Error(`unknown operation ${JSON.stringify(never)}`);
    }
  }
}
