/** Cancelling a recorded task: journaled as cancelling, then cancelled. */
import type { TaskRecord } from "../model/state.js";
import { timestamp } from "../lib/time/instant.js";
import { ok, record } from "./journal.js";
import { call } from "./pacing.js";
import type { Run } from "./run.js";

/** Cancels the recorded task; returns its record as cancelled. */
export async function cancel(run: Run, recorded: TaskRecord): Promise<TaskRecord> {
  const { input } = run;
  await record(run, { upsert: [{ ...recorded, status: "cancelling", updatedAt: timestamp(input.now()) }] });
  await call(run, recorded.app, () => input.providers[recorded.provider].cancel({ appRef: recorded.appRef, remoteId: recorded.remoteId! }));
  const cancelled: TaskRecord = { ...recorded, status: "cancelled", updatedAt: timestamp(input.now()) };
  const sent = { kind: "cancel" as const, key: recorded.key, remoteId: recorded.remoteId };
  await record(run, { upsert: [cancelled], history: [ok(run, "cancel", recorded.key, recorded.remoteId)] }, [sent]);
  return cancelled;
}
