/**
 * One apply under the state lock, as named steps: `record` (a fenced commit), `call` (paced and retried),
 * `create`, `adopt`, `cancel`, `runBatch` and `runOne`, and `run`, which orders them. Cancels go first (the plan
 * lists them first), then MassPushV2 batches, then the other operations in the plan's order.
 */
import type { Operation } from "../model/plan.js";
import { appRefOf, type HistoryEntry, type StateChange, type StateSnapshot, type TaskRecord } from "../model/state.js";
import type { EmasTask } from "../model/task.js";
import { ProviderError } from "../providers/errors.js";
import { retrying, type RetryPolicy } from "../providers/retry.js";
import { StateError } from "../state/backend.js";
import { formatUtc } from "../lib/time/index.js";
import type { ApplyInput, ApplyResult } from "./apply.js";
import { planBatches, type Batch } from "./batch.js";
import { freshExpiry, recordOf, withProtection } from "./records.js";

/** Thrown out of an operation once the state refused a write: apply sends nothing after it. */
class Stop extends Error {
  constructor(readonly reason: StateError) {
    super(reason.message);
  }
}

type Sending = Extract<Operation, { kind: "create" | "replace" }>;
type Outcome = { kind: Operation["kind"]; key: string; remoteId: string | null };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ApplyRun {
  private readonly result: ApplyResult = { refused: [], done: [], failed: [] };
  private readonly unrecorded: Outcome[] = [];
  /** Every commit is fenced by the serial this apply last wrote (see `record`). */
  private serial: number;
  private readonly remoteIds: Map<string, string | null>;
  /** Every id state knows, for the check that a create got a task of its own. */
  private readonly knownIds: Set<string>;
  private readonly nextSlot = new Map<string, number>();
  private readonly failedKeys = new Set<string>();
  private readonly sendingOps: Map<string, Sending>;
  private readonly retry: { attempts: number; baseMs: number; maxMs: number };
  private readonly policy: RetryPolicy;

  constructor(
    private readonly input: ApplyInput,
    private readonly snapshot: StateSnapshot,
  ) {
    this.serial = snapshot.serial;
    this.remoteIds = new Map(Object.values(snapshot.tasks).map((r) => [r.key, r.remoteId]));
    this.knownIds = new Set(Object.values(snapshot.tasks).flatMap((r) => (r.remoteId ? [r.remoteId] : [])));
    this.sendingOps = new Map(input.plan.operations.flatMap((op) => (op.kind === "create" || op.kind === "replace" ? [[op.key, op] as const] : [])));
    this.retry = input.retry ?? { attempts: 6, baseMs: 200, maxMs: 5_000 };
    this.policy = { ...this.retry, sleep: input.sleep, random: input.random };
  }

  async run(): Promise<ApplyResult> {
    const { batches, rest } = planBatches(this.input.plan.operations, await this.input.backend.read());
    const batching = Boolean(this.input.providers.emas.submitBatch);
    const ordered: Array<Operation | Batch> = [...rest.filter((op) => op.kind === "cancel"), ...(batching ? batches : []), ...rest.filter((op) => op.kind !== "cancel")];
    if (!batching) ordered.push(...batches.flatMap((b) => b.tasks.map((task): Operation => this.sendingOps.get(task.key)!)));
    try {
      for (const op of ordered) await this.runOne(op);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      const finished = new Set([...this.result.done, ...this.result.failed, ...this.unrecorded].map((d) => d.key));
      this.result.stopped = { reason: e.message, unrecorded: this.unrecorded, notCarriedOut: this.input.plan.operations.map((op) => op.key).filter((k) => !finished.has(k)) };
      this.input.progress?.(`STOPPED: ${e.message}`);
    }
    return this.result;
  }

  /**
   * A commit fenced by the serial this apply last wrote: a process that lost its lock, or whose state another
   * process changed meanwhile, cannot write, and so cannot send (each send is journaled first).
   */
  private async record(change: StateChange, sent?: Outcome[]): Promise<void> {
    try {
      this.serial = await this.input.backend.commit(change, this.serial);
    } catch (e) {
      if (!(e instanceof StateError)) throw e;
      this.unrecorded.push(...(sent ?? []));
      throw new Stop(e);
    }
  }

  private entry(operations: HistoryEntry["operations"]): HistoryEntry {
    const { now, identity, plan } = this.input;
    return { at: new Date(now()).toISOString(), actor: identity.actor, commit: identity.commit, command: `apply ${plan.planId}`, operations };
  }

  private ok(kind: Operation["kind"], key: string, remoteId: string | null): HistoryEntry {
    return this.entry([{ kind, key, remoteId, outcome: "ok" }]);
  }

  /** One provider call, spaced by the app's rate limit, retried when the provider says it may be. */
  private call<T>(app: string, fn: () => Promise<T>): Promise<T> {
    const { input } = this;
    return retrying(
      this.policy,
      async () => {
        const slot = Math.max(this.nextSlot.get(app) ?? 0, input.ticks());
        this.nextSlot.set(app, slot + 1000 / input.rateLimit);
        const wait = slot - input.ticks();
        if (wait > 0) await input.sleep(wait);
        return fn();
      },
      (e, attempt) => input.progress?.(`  retrying after ${e.code} (attempt ${attempt} of ${this.retry.attempts})`),
    );
  }

  /** `prior`: the record the new one takes the place of, put back when the provider refuses the create. */
  private async create(op: Sending, prior: TaskRecord | undefined): Promise<string | null> {
    const { input } = this;
    const task = freshExpiry(op.task, input.now());
    if (task.dependsOn && (this.failedKeys.has(task.dependsOn) || !this.remoteIds.get(task.dependsOn))) throw new Error(`skipped: ${task.dependsOn} did not succeed`);
    const putBack = () => this.record({ remove: [task.key], ...(prior ? { upsert: [prior] } : {}) });
    await this.record({ upsert: [recordOf(task, op, "pending", null, input.now(), prior)] });
    const continuousMessageId = task.dependsOn ? (this.remoteIds.get(task.dependsOn) ?? undefined) : undefined;
    let remoteId: string | null;
    try {
      remoteId = (await this.call(task.app, () => input.providers[task.provider].submit({ task, ...(continuousMessageId ? { continuousMessageId } : {}) }))).remoteId;
    } catch (e) {
      if (e instanceof ProviderError && task.provider === "mpaas" && e.providerMessage.startsWith("duplicate msgkey")) {
        remoteId = await this.adopt(task); // an earlier attempt went through: find it
      } else {
        // A refusal means nothing was created; an unknown outcome stays pending for the next run to resolve.
        if (e instanceof ProviderError && !e.retryable) await putBack();
        throw e;
      }
    }
    // A scheduled task answered with an id state knows is an earlier task (a reused idempotency value): never
    // record it as this one.
    if (task.sendAt !== null && remoteId !== null && this.knownIds.has(remoteId)) {
      await putBack();
      throw new Error(`the provider answered with ${remoteId}, a task state records already: not recorded; run push plan again`);
    }
    const status = task.sendAt === null ? "sent" : "scheduled";
    await this.record({ upsert: [recordOf(task, op, status, remoteId, input.now(), prior)], history: [this.ok(op.kind, task.key, remoteId)] }, [{ kind: op.kind, key: task.key, remoteId }]);
    this.remoteIds.set(task.key, remoteId);
    if (remoteId) this.knownIds.add(remoteId);
    return remoteId;
  }

  private async adopt(task: Sending["task"]): Promise<string | null> {
    if (task.sendAt === null) return null;
    const at = Date.parse(task.sendAt);
    const listed = await retrying(this.policy, () => this.input.providers[task.provider].listScheduled({ appRef: appRefOf(task), from: formatUtc(at - 60_000), to: formatUtc(at + 60_000) }));
    const match = listed.tasks.find((t) => t.sendAt === task.sendAt && !this.knownIds.has(t.remoteId));
    if (!match) throw new Error(`${task.key}: the provider has its message keys but lists no matching task`);
    return match.remoteId;
  }

  /** Cancels the recorded task; returns its record as cancelled. */
  private async cancel(recorded: TaskRecord): Promise<TaskRecord> {
    const { input } = this;
    await this.record({ upsert: [{ ...recorded, status: "cancelling", updatedAt: new Date(input.now()).toISOString() }] });
    await this.call(recorded.app, () => input.providers[recorded.provider].cancel({ appRef: recorded.appRef, remoteId: recorded.remoteId! }));
    const cancelled: TaskRecord = { ...recorded, status: "cancelled", updatedAt: new Date(input.now()).toISOString() };
    await this.record({ upsert: [cancelled], history: [this.ok("cancel", recorded.key, recorded.remoteId)] }, [{ kind: "cancel", key: recorded.key, remoteId: recorded.remoteId }]);
    return cancelled;
  }

  private async runBatch(batch: Batch): Promise<void> {
    const { input } = this;
    const tasks = batch.tasks.map((t) => freshExpiry(t, input.now()));
    const keys = tasks.map((t) => t.key);
    const prior = (await input.backend.read()).tasks;
    const batchRecord = (t: EmasTask, status: TaskRecord["status"], remoteId: string | null) => ({ ...recordOf(t, this.sendingOps.get(t.key)!, status, remoteId, input.now(), prior[t.key]), batch: { token: batch.token, keys } });
    await this.record({ upsert: tasks.map((t) => batchRecord(t, "pending", null)) });
    try {
      const { remoteIds: ids } = await this.call(tasks[0]!.app, () => input.providers.emas.submitBatch!({ appKey: batch.appKey, idempotentToken: batch.token, tasks: tasks.map((t) => t.request.PushTask) }));
      const sent = tasks.map((t, i) => ({ kind: "create" as const, key: t.key, remoteId: ids[i] ?? null }));
      await this.record({ upsert: tasks.map((t, i) => batchRecord(t, t.sendAt === null ? "sent" : "scheduled", ids[i] ?? null)), history: [this.entry(sent.map((d) => ({ ...d, outcome: "ok" as const })))] }, sent);
      tasks.forEach((t, i) => {
        this.remoteIds.set(t.key, ids[i] ?? null);
        this.result.done.push({ kind: "create", key: t.key, remoteId: ids[i] ?? null });
        input.progress?.(`create ${t.key}: done (MassPushV2)`);
      });
    } catch (e) {
      if (e instanceof Stop) throw e;
      const message = messageOf(e);
      const putBack = e instanceof ProviderError && !e.retryable ? { remove: keys.filter((k) => !prior[k]), upsert: keys.flatMap((k) => (prior[k] ? [prior[k]!] : [])) } : {};
      await this.record({ ...putBack, history: [this.entry(keys.map((key) => ({ kind: "create", key, outcome: "failed" as const, error: message })))] });
      for (const key of keys) {
        this.failedKeys.add(key);
        this.result.failed.push({ kind: "create", key, error: message });
      }
      input.progress?.(`MassPushV2 of ${keys.length}: FAILED: ${message}`);
    }
  }

  private async runOne(op: Operation | Batch): Promise<void> {
    if ("token" in op) return this.runBatch(op);
    try {
      this.result.done.push({ kind: op.kind, key: op.key, remoteId: await this.carryOut(op) });
      this.input.progress?.(`${op.kind} ${op.key}: done`);
    } catch (e) {
      if (e instanceof Stop) throw e;
      this.failedKeys.add(op.key);
      const message = messageOf(e);
      this.result.failed.push({ kind: op.kind, key: op.key, error: message });
      this.input.progress?.(`${op.kind} ${op.key}: FAILED: ${message}`);
      await this.record({ history: [this.entry([{ kind: op.kind, key: op.key, outcome: "failed", error: message }])] });
    }
  }

  /** One operation; returns the remote id it leaves. Acts on the state's record, which the plan's copy matches. */
  private async carryOut(op: Operation): Promise<string | null> {
    const recorded = this.snapshot.tasks[op.key];
    switch (op.kind) {
      case "cancel":
        await this.cancel(recorded!);
        return recorded!.remoteId;
      case "replace":
        return this.create(op, await this.cancel(recorded!));
      case "create":
        return this.create(op, (await this.input.backend.read()).tasks[op.key]);
      case "protect":
        await this.record({ upsert: [withProtection(recorded!, op.protect, this.input.now())], history: [this.ok(op.kind, op.key, recorded!.remoteId)] });
        return recorded!.remoteId;
      default: {
        const never: never = op;
        throw new Error(`unknown operation ${JSON.stringify(never)}`);
      }
    }
  }
}
