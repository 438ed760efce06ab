/**
 * Carries out a Plan exactly once: under the state lock, each remote call is journaled before (pending /
 * cancelling, with the exact request and its idempotency values) and after (scheduled / sent / cancelled). A
 * rerun after a crash at any point finds the pending record, and the next plan resumes it with the same values:
 * EMAS answers a repeated IdempotentToken with the first MessageId; mPaaS refuses a repeated message key, which
 * tells apply the task exists.
 */
import type { Operation, Plan } from "../model/plan.js";
import { appRefOf, type HistoryEntry, type StateChange, type TaskRecord } from "../model/state.js";
import type { EmasTask } from "../model/task.js";
import { ProviderError } from "../providers/errors.js";
import { retrying } from "../providers/retry.js";
import type { ProviderRegistry } from "../providers/provider.js";
import { StateError, type StateBackend } from "../state/backend.js";
import { checkPlanApplicable } from "../plan/planfile.js";
import { planBatches, type Batch } from "./batch.js";
import { formatUtc, timestamp } from "../lib/time/instant.js";
import { freshExpiry, recordOf, withProtection } from "./records.js";

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

/** Thrown out of an operation once the state refused a write: apply sends nothing after it. */
class Stop extends Error {
  constructor(readonly reason: StateError) {
    super(reason.message);
  }
}

type Sending = Extract<Operation, { kind: "create" | "replace" }>;

export async function apply(input: ApplyInput): Promise<ApplyResult> {
  const result: ApplyResult = { refused: [], done: [], failed: [] };
  const retry = input.retry ?? { attempts: 6, baseMs: 200, maxMs: 5_000 };
  const unlock = await input.backend.lock({ owner: input.identity.actor, operation: "apply", acquiredAt: timestamp(input.now()) }, { waitMs: input.lockWaitMs ?? 30_000 });
  try {
    const snapshot = await input.backend.read();
    result.refused = checkPlanApplicable(input.plan, snapshot, input.now());
    if (result.refused.length) return result;
    const unrecorded: NonNullable<ApplyResult["stopped"]>["unrecorded"] = [];
    // Every commit is fenced by the serial this apply last wrote: a process that lost its lock, or whose state
    // another process changed meanwhile, cannot write, and so cannot send (each send is journaled first).
    let serial = snapshot.serial;
    const record = async (change: StateChange, sent?: Array<{ kind: Operation["kind"]; key: string; remoteId: string | null }>) => {
      try {
        serial = await input.backend.commit(change, serial);
      } catch (e) {
        if (!(e instanceof StateError)) throw e;
        unrecorded.push(...(sent ?? []));
        throw new Stop(e);
      }
    };
    const entry = (operations: HistoryEntry["operations"]): HistoryEntry => ({
      at: timestamp(input.now()),
      actor: input.identity.actor,
      commit: input.identity.commit,
      command: `apply ${input.plan.planId}`,
      operations,
    });
    const ok = (kind: Operation["kind"], key: string, remoteId: string | null) => entry([{ kind, key, remoteId, outcome: "ok" }]);
    const remoteIds = new Map(Object.values(snapshot.tasks).map((r) => [r.key, r.remoteId]));
    // Every id state knows, for the check that a create got a task of its own.
    const knownIds = new Set(Object.values(snapshot.tasks).flatMap((r) => (r.remoteId ? [r.remoteId] : [])));
    const nextSlot = new Map<string, number>();
    const failedKeys = new Set<string>();
    const sendingOps = new Map(input.plan.operations.flatMap((op) => (op.kind === "create" || op.kind === "replace" ? [[op.key, op] as const] : [])));

    const policy = { ...retry, sleep: input.sleep, random: input.random };
    /** One provider call, spaced by the app's rate limit, retried when the provider says it may be. */
    const call = <T>(app: string, fn: () => Promise<T>): Promise<T> =>
      retrying(
        policy,
        async () => {
          const slot = Math.max(nextSlot.get(app) ?? 0, input.ticks());
          nextSlot.set(app, slot + 1000 / input.rateLimit);
          const wait = slot - input.ticks();
          if (wait > 0) await input.sleep(wait);
          return fn();
        },
        (e, attempt) => input.progress?.(`  retrying after ${e.code} (attempt ${attempt} of ${retry.attempts})`),
      );

    /** `prior`: the record the new one takes the place of, put back when the provider refuses the create. */
    const create = async (op: Sending, prior: TaskRecord | undefined) => {
      const task = freshExpiry(op.task, input.now());
      if (task.dependsOn && (failedKeys.has(task.dependsOn) || !remoteIds.get(task.dependsOn))) throw new Error(`skipped: ${task.dependsOn} did not succeed`);
      const putBack = () => record({ remove: [task.key], ...(prior ? { upsert: [prior] } : {}) });
      await record({ upsert: [recordOf(task, op, "pending", null, input.now(), prior)] });
      const continuousMessageId = task.dependsOn ? remoteIds.get(task.dependsOn) ?? undefined : undefined;
      let remoteId: string | null;
      try {
        remoteId = (await call(task.app, () => input.providers[task.provider].submit({ task, ...(continuousMessageId ? { continuousMessageId } : {}) }))).remoteId;
      } catch (e) {
        if (e instanceof ProviderError && e.kind === "duplicate") {
          remoteId = await adopt(task); // an earlier attempt went through: find it
        } else {
          // A refusal means nothing was created; an unknown outcome stays pending for the next run to resolve.
          if (e instanceof ProviderError && !e.retryable) await putBack();
          throw e;
        }
      }
      // A scheduled task answered with an id state knows is an earlier task (a reused idempotency value): never
      // record it as this one.
      if (task.sendAt !== null && remoteId !== null && knownIds.has(remoteId)) {
        await putBack();
        throw new Error(`the provider answered with ${remoteId}, a task state records already: not recorded; run push plan again`);
      }
      await record({ upsert: [recordOf(task, op, task.sendAt === null ? "sent" : "scheduled", remoteId, input.now(), prior)], history: [ok(op.kind, task.key, remoteId)] }, [{ kind: op.kind, key: task.key, remoteId }]);
      remoteIds.set(task.key, remoteId);
      if (remoteId) knownIds.add(remoteId);
      return remoteId;
    };

    const adopt = async (task: Sending["task"]): Promise<string | null> => {
      if (task.sendAt === null) return null;
      const at = Date.parse(task.sendAt);
      const listed = await retrying(policy, () => input.providers[task.provider].listScheduled({ appRef: appRefOf(task), from: formatUtc(at - 60_000), to: formatUtc(at + 60_000) }));
      const match = listed.tasks.find((t) => t.sendAt === task.sendAt && !knownIds.has(t.remoteId));
      if (!match) throw new Error(`${task.key}: the provider has its message keys but lists no matching task`);
      return match.remoteId;
    };

    /** Cancels the recorded task; returns its record as cancelled. */
    const cancel = async (recorded: TaskRecord): Promise<TaskRecord> => {
      await record({ upsert: [{ ...recorded, status: "cancelling", updatedAt: timestamp(input.now()) }] });
      await call(recorded.app, () => input.providers[recorded.provider].cancel({ appRef: recorded.appRef, remoteId: recorded.remoteId! }));
      const cancelled: TaskRecord = { ...recorded, status: "cancelled", updatedAt: timestamp(input.now()) };
      const sent = { kind: "cancel" as const, key: recorded.key, remoteId: recorded.remoteId };
      await record({ upsert: [cancelled], history: [ok("cancel", recorded.key, recorded.remoteId)] }, [sent]);
      return cancelled;
    };

    // Cancels first (the plan lists them first), then MassPushV2 batches, then the other operations in order.
    const { batches, rest } = planBatches(input.plan.operations, await input.backend.read());
    const cancelsFirst = rest.filter((op) => op.kind === "cancel");
    const others = rest.filter((op) => op.kind !== "cancel");
    const runBatch = async (batch: Batch) => {
      const tasks = batch.tasks.map((t) => freshExpiry(t, input.now()));
      const keys = tasks.map((t) => t.key);
      const prior = (await input.backend.read()).tasks;
      const batchRecord = (t: EmasTask, status: TaskRecord["status"], remoteId: string | null) => ({ ...recordOf(t, sendingOps.get(t.key)!, status, remoteId, input.now(), prior[t.key]), batch: { token: batch.token, keys } });
      await record({ upsert: tasks.map((t) => batchRecord(t, "pending", null)) });
      try {
        const { remoteIds: ids } = await call(tasks[0]!.app, () => input.providers.emas.submitBatch!({ appKey: batch.appKey, idempotentToken: batch.token, tasks: tasks.map((t) => t.request.PushTask) }));
        const sent = tasks.map((t, i) => ({ kind: "create" as const, key: t.key, remoteId: ids[i] ?? null }));
        await record({ upsert: tasks.map((t, i) => batchRecord(t, t.sendAt === null ? "sent" : "scheduled", ids[i] ?? null)), history: [entry(sent.map((d) => ({ ...d, outcome: "ok" as const })))] }, sent);
        tasks.forEach((t, i) => {
          remoteIds.set(t.key, ids[i] ?? null);
          result.done.push({ kind: "create", key: t.key, remoteId: ids[i] ?? null });
          input.progress?.(`create ${t.key}: done (MassPushV2)`);
        });
      } catch (e) {
        if (e instanceof Stop) throw e;
        const message = e instanceof Error ? e.message : String(e);
        const putBack = e instanceof ProviderError && !e.retryable ? { remove: keys.filter((k) => !prior[k]), upsert: keys.flatMap((k) => (prior[k] ? [prior[k]!] : [])) } : {};
        await record({ ...putBack, history: [entry(keys.map((key) => ({ kind: "create", key, outcome: "failed" as const, error: message })))] });
        for (const key of keys) {
          failedKeys.add(key);
          result.failed.push({ kind: "create", key, error: message });
        }
        input.progress?.(`MassPushV2 of ${keys.length}: FAILED: ${message}`);
      }
    };
    const ordered: Array<Operation | Batch> = [...cancelsFirst, ...(input.providers.emas.submitBatch ? batches : []), ...others];
    if (!input.providers.emas.submitBatch) ordered.push(...batches.flatMap((b) => b.tasks.map((task): Operation => sendingOps.get(task.key)!)));

    try {
      for (const op of ordered) await runOne(op);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      const finished = new Set([...result.done, ...result.failed, ...unrecorded].map((d) => d.key));
      result.stopped = { reason: e.message, unrecorded, notCarriedOut: input.plan.operations.map((op) => op.key).filter((k) => !finished.has(k)) };
      input.progress?.(`STOPPED: ${e.message}`);
    }
    return result;

    async function runOne(op: Operation | Batch): Promise<void> {
      if ("token" in op) {
        await runBatch(op);
        return;
      }
      // The state's record, which the plan's copy matches (checked above): apply acts on what state holds.
      const recorded = snapshot.tasks[op.key];
      try {
        switch (op.kind) {
          case "cancel":
            await cancel(recorded!);
            result.done.push({ kind: op.kind, key: op.key, remoteId: recorded!.remoteId });
            break;
          case "replace":
            result.done.push({ kind: op.kind, key: op.key, remoteId: await create(op, await cancel(recorded!)) });
            break;
          case "create":
            result.done.push({ kind: op.kind, key: op.key, remoteId: await create(op, (await input.backend.read()).tasks[op.key]) });
            break;
          case "protect":
            await record({ upsert: [withProtection(recorded!, op.protect, input.now())], history: [ok(op.kind, op.key, recorded!.remoteId)] });
            result.done.push({ kind: op.kind, key: op.key, remoteId: recorded!.remoteId });
            break;
          default: {
            const never: never = op;
            throw new Error(`unknown operation ${JSON.stringify(never)}`);
          }
        }
        input.progress?.(`${op.kind} ${op.key}: done`);
      } catch (e) {
        if (e instanceof Stop) throw e;
        failedKeys.add(op.key);
        const message = e instanceof Error ? e.message : String(e);
        result.failed.push({ kind: op.kind, key: op.key, error: message });
        input.progress?.(`${op.kind} ${op.key}: FAILED: ${message}`);
        await record({ history: [entry([{ kind: op.kind, key: op.key, outcome: "failed", error: message }])] });
      }
    }
  } finally {
    await unlock();
  }
}
