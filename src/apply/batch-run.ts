/** Sending one MassPushV2 batch: its members journaled pending together, then recorded together. */
import type { TaskRecord } from "../model/state.js";
import type { EmasTask } from "../model/task.js";
import { ProviderError } from "../providers/errors.js";
import type { Batch } from "./batch.js";
import { entry, record } from "./journal.js";
import { call } from "./pacing.js";
import { freshExpiry, recordOf } from "./records.js";
import { Stop, type Run } from "./run.js";

export async function runBatch(run: Run, batch: Batch): Promise<void> {
  const { input, result } = run;
  const tasks = batch.tasks.map((t) => freshExpiry(t, input.now()));
  const keys = tasks.map((t) => t.key);
  const prior = (await input.backend.read()).tasks;
  const batchRecord = (t: EmasTask, status: TaskRecord["status"], remoteId: string | null) => ({
    ...recordOf(t, run.sendingOps.get(t.key)!, status, remoteId, input.now(), prior[t.key]),
    batch: { token: batch.token, keys },
  });
  await record(run, { upsert: tasks.map((t) => batchRecord(t, "pending", null)) });
  try {
    const { remoteIds: ids } = await call(run, tasks[0]!.app, () =>
      input.providers.emas.submitBatch!({ appKey: batch.appKey, idempotentToken: batch.token, tasks: tasks.map((t) => t.request.PushTask) }),
    );
    const sent = tasks.map((t, i) => ({ kind: "create" as const, key: t.key, remoteId: ids[i] ?? null }));
    await record(
      run,
      {
        upsert: tasks.map((t, i) => batchRecord(t, t.sendAt === null ? "sent" : "scheduled", ids[i] ?? null)),
        history: [
          entry(
            run,
            sent.map((d) => ({ ...d, outcome: "ok" as const })),
          ),
        ],
      },
      sent,
    );
    tasks.forEach((t, i) => {
      run.remoteIds.set(t.key, ids[i] ?? null);
      result.done.push({ kind: "create", key: t.key, remoteId: ids[i] ?? null });
      input.progress?.({ kind: "done", op: "create", key: t.key, via: "MassPushV2" });
    });
  } catch (e) {
    if (e instanceof Stop) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const putBack =
      e instanceof ProviderError && !e.retryable ? { remove: keys.filter((k) => !prior[k]), upsert: keys.flatMap((k) => (prior[k] ? [prior[k]!] : [])) } : {};
    await record(run, {
      ...putBack,
      history: [
        entry(
          run,
          keys.map((key) => ({ kind: "create", key, outcome: "failed" as const, error: message })),
        ),
      ],
    });
    for (const key of keys) {
      run.failedKeys.add(key);
      result.failed.push({ kind: "create", key, error: message });
    }
    input.progress?.({ kind: "batch-failed", count: keys.length, message });
  }
}
