/** Sending one task: journaled pending, submitted, recorded scheduled or sent (or adopted after a duplicate key). */
import type { TaskRecord } from "../model/state.js";
import { appRefOf, behaviourOf, shownIdentityOf } from "../providers/behaviour.js";
import { ProviderError } from "../providers/errors.js";
import { retrying } from "../providers/retry.js";
import { formatUtc } from "../lib/time/instant.js";
import { ok, record } from "./journal.js";
import { call, policy } from "./pacing.js";
import { freshExpiry, recordOf } from "./records.js";
import type { Run, Sending } from "./run.js";

/** `prior`: the record the new one takes the place of, put back when the provider refuses the create. */
export async function create(run: Run, op: Sending, prior: TaskRecord | undefined): Promise<string | null> {
  const { input, remoteIds, knownIds } = run;
  const task = freshExpiry(op.task, input.now());
  if (task.dependsOn && (run.failedKeys.has(task.dependsOn) || !remoteIds.get(task.dependsOn))) throw new Error(`skipped: ${task.dependsOn} did not succeed`);
  const putBack = () => record(run, { remove: [task.key], ...(prior ? { upsert: [prior] } : {}) });
  await record(run, { upsert: [recordOf(task, op, "pending", null, input.now(), prior)] });
  const continuousMessageId = task.dependsOn ? (remoteIds.get(task.dependsOn) ?? undefined) : undefined;
  let remoteId: string | null;
  try {
    remoteId = (await call(run, task.app, () => input.providers[task.provider].submit({ task, ...(continuousMessageId ? { continuousMessageId } : {}) })))
      .remoteId;
  } catch (e) {
    if (e instanceof ProviderError && e.kind === "duplicate") {
      remoteId = await adopt(run, task); // an earlier attempt went through: find it
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
  const status = task.sendAt === null ? "sent" : "scheduled";
  await record(run, { upsert: [recordOf(task, op, status, remoteId, input.now(), prior)], history: [ok(run, op.kind, task.key, remoteId)] }, [
    { kind: op.kind, key: task.key, remoteId },
  ]);
  remoteIds.set(task.key, remoteId);
  if (remoteId) knownIds.add(remoteId);
  return remoteId;
}

/**
 * The task an earlier attempt created, found among the listed ones at its send time by what the listing shows of
 * its request (never by the time alone: several campaigns may send at one instant).
 */
async function adopt(run: Run, task: Sending["task"]): Promise<string | null> {
  if (task.sendAt === null) return null;
  const at = Date.parse(task.sendAt);
  const listed = await retrying(policy(run), () =>
    run.input.providers[task.provider].listScheduled({ appRef: appRefOf(task), from: formatUtc(at - 60_000), to: formatUtc(at + 60_000) }),
  );
  const identity = behaviourOf(task).listedIdentity(task);
  const match = listed.tasks.find((t) => t.sendAt === task.sendAt && shownIdentityOf(t) === identity && !run.knownIds.has(t.remoteId));
  if (!match) throw new Error(`${task.key}: the provider has its message keys but lists no matching task`);
  return match.remoteId;
}
