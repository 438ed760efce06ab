import type { StateChange, StateSnapshot, TaskRecord } from "../model/state.js";
import { behaviourOf } from "../providers/behaviour.js";

/** Pure: the snapshot after `change`, with the serial bumped. Shared by every backend that stores whole snapshots. */
export function applyChange(snapshot: StateSnapshot, change: StateChange): StateSnapshot {
  const tasks = { ...snapshot.tasks };
  for (const key of change.remove ?? []) delete tasks[key];
  for (const record of change.upsert ?? []) tasks[record.key] = currentRecord(record);
  return {
    ...snapshot,
    serial: snapshot.serial + 1,
    tasks,
    history: change.history?.length ? [...snapshot.history, ...change.history] : snapshot.history,
  };
}

/** A record as read back from any backend, its request in today's form (a record may predate it). */
export function currentRecord(record: TaskRecord): TaskRecord {
  if (!record.request) return record;
  const request = behaviourOf(record).recordedRequest(record.request);
  return request === record.request ? record : { ...record, request };
}

/** Every record of a snapshot read back, in today's form. */
export function currentRecords(tasks: Record<string, TaskRecord>): Record<string, TaskRecord> {
  for (const [key, record] of Object.entries(tasks)) tasks[key] = currentRecord(record);
  return tasks;
}
