/**
 * `push state migrate`: the whole state from one backend to another (local and PostgreSQL either way), its lineage,
 * serial and history kept, under both locks, so no apply runs on either side meanwhile. A target that holds another
 * state (another lineage) is refused; one that holds this state already is left as it is.
 */
import type { StateBackend } from "./backend.js";

export type Migration =
  | { outcome: "migrated"; tasks: number; history: number; serial: number; lineage: string }
  | { outcome: "current"; serial: number; lineage: string }
  | { outcome: "refused"; reason: string };

export async function migrateState(
  source: StateBackend,
  target: StateBackend,
  where: { source: string; target: string },
  who: { owner: string; acquiredAt: string },
): Promise<Migration> {
  const info = { ...who, operation: "state migrate" };
  const unlockSource = await source.lock(info, { waitMs: 10_000 });
  try {
    const unlockTarget = await target.lock(info, { waitMs: 10_000 });
    try {
      const from = await source.read();
      const to = await target.read();
      if (from.serial === 0) return { outcome: "refused", reason: `${where.source} holds no state yet (serial 0): there is nothing to migrate` };
      if (to.serial > 0 && to.lineage !== from.lineage)
        return {
          outcome: "refused",
          reason: `${where.target} holds another state (lineage ${to.lineage}, serial ${to.serial}, ${Object.keys(to.tasks).length} task(s)) than ${where.source} (lineage ${from.lineage}): migrating would lose it; empty it first, or migrate to another place`,
        };
      if (to.serial >= from.serial) return { outcome: "current", serial: to.serial, lineage: to.lineage };
      await target.restore(from, to.serial);
      return { outcome: "migrated", tasks: Object.keys(from.tasks).length, history: from.history.length, serial: from.serial, lineage: from.lineage };
    } finally {
      await unlockTarget();
    }
  } finally {
    await unlockSource();
  }
}
