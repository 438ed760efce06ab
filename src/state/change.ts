import type { StateChange, StateSnapshot } from "../model/state.js";

/** Pure: the snapshot after `change`, with the serial bumped. Shared by every backend that stores whole snapshots. */
export function applyChange(snapshot: StateSnapshot, change: StateChange): StateSnapshot {
  const tasks = { ...snapshot.tasks };
  for (const key of change.remove ?? []) delete tasks[key];
  for (const record of change.upsert ?? []) tasks[record.key] = record;
  return {
    ...snapshot,
    serial: snapshot.serial + 1,
    tasks,
    history: change.history?.length ? [...snapshot.history, ...change.history] : snapshot.history,
  };
}
