/** Apply's writes to state: each fenced by the serial this apply last wrote, and its history entries. */
import type { Operation } from "../model/plan.js";
import type { HistoryEntry, StateChange } from "../model/state.js";
import { timestamp } from "../lib/time/instant.js";
import { StateError } from "../state/backend.js";
import { Stop, type Carried, type Run } from "./run.js";

/**
 * Commits `change` fenced by the run's serial: a process that lost its lock, or whose state another process
 * changed meanwhile, cannot write, and so cannot send (each send is journaled first). `sent`: what the provider
 * did that this change records, listed as unrecorded when the write fails.
 */
export async function record(run: Run, change: StateChange, sent?: Carried[]): Promise<void> {
  try {
    run.serial = await run.input.backend.commit(change, run.serial);
  } catch (e) {
    if (!(e instanceof StateError)) throw e;
    run.unrecorded.push(...(sent ?? []));
    throw new Stop(e);
  }
}

export function entry(run: Run, operations: HistoryEntry["operations"]): HistoryEntry {
  return {
    at: timestamp(run.input.now()),
    actor: run.input.identity.actor,
    commit: run.input.identity.commit,
    command: `apply ${run.input.plan.planId}`,
    plan: run.input.plan.planId,
    operations,
  };
}

export function ok(run: Run, kind: Operation["kind"], key: string, remoteId: string | null): HistoryEntry {
  return entry(run, [{ kind, key, remoteId, outcome: "ok" }]);
}
