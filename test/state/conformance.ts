import { describe, expect, it } from "vitest";
import type { TaskRecord } from "../../src/model/state.js";
import { LockHeldError, StaleStateError, type StateBackend } from "../../src/state/backend.js";

export const rec = (key: string, remoteId: string): TaskRecord => ({
  key,
  campaign: key,
  provider: "emas",
  app: "shop",
  appRef: { provider: "emas", appKey: 1 },
  remoteId,
  hash: "h",
  sendAt: null,
  status: "sent",
  request: { AppKey: 1, IdempotentToken: "t", PushTask: {} },
  origin: "push",
  createdAt: "2026-06-01T00:00:00.000Z",
  updatedAt: "2026-06-01T00:00:00.000Z",
});

/** The one suite every state backend passes (OpenTofu statemgr.TestFull). `reopen` is a second handle on the same state. */
export function describeBackendConformance(name: string, make: () => Promise<{ backend: StateBackend; reopen: () => StateBackend }>) {
  describe(`state backend conformance: ${name}`, () => {
    it("starts empty with a lineage that stays, and counts commits in its serial", async () => {
      const { backend, reopen } = await make();
      const empty = await backend.read();
      expect(empty).toMatchObject({ version: 1, serial: 0, tasks: {}, history: [] });
      expect((await reopen().read()).lineage).toBe(empty.lineage);
      expect(await backend.commit({ upsert: [rec("a", "11747540331280013")] })).toBe(1);
      expect(
        await backend.commit({ upsert: [rec("b", "2")], remove: ["a"], history: [{ at: "x", actor: "me", commit: null, command: "apply p", operations: [] }] }),
      ).toBe(2);
      const read = await reopen().read();
      expect(Object.keys(read.tasks)).toEqual(["b"]);
      expect(read.history).toHaveLength(1);
      expect(read.lineage).toBe(empty.lineage);
    });
    it("restores a whole state, lineage, serial, tasks and history as they are, with a compare-and-swap", async () => {
      const { backend, reopen } = await make();
      await backend.commit({ upsert: [rec("old", "1")] });
      const history = [
        { at: "2026-06-01T00:00:00Z", actor: "a", commit: "c1", command: "apply p1", operations: [] },
        { at: "2026-06-02T00:00:00Z", actor: "b", commit: null, command: "state rm", operations: [] },
      ];
      const moved = { version: 1 as const, lineage: "from-elsewhere", serial: 41, tasks: { x: rec("x", "11747540331280013"), y: rec("y", "2") }, history };
      await expect(backend.restore(moved, 0)).rejects.toBeInstanceOf(StaleStateError);
      await backend.restore(moved, 1);
      expect(await reopen().read()).toEqual(moved);
      expect(await backend.commit({ remove: ["y"] }, 41)).toBe(42);
      const after = await reopen().read();
      expect([after.lineage, after.serial, Object.keys(after.tasks)]).toEqual(["from-elsewhere", 42, ["x"]]);
    });
    it("keeps MessageIds above 2^53 as exact digit strings", async () => {
      const { backend, reopen } = await make();
      await backend.commit({ upsert: [rec("a", "11747540331280013")] });
      expect((await reopen().read()).tasks.a?.remoteId).toBe("11747540331280013");
    });
    it("refuses a commit against a stale serial; of two racing commits one wins", async () => {
      const { backend, reopen } = await make();
      await backend.commit({ upsert: [rec("a", "1")] });
      await expect(backend.commit({ remove: ["a"] }, 0)).rejects.toBeInstanceOf(StaleStateError);
      const results = await Promise.allSettled([backend.commit({ upsert: [rec("x", "1")] }, 1), reopen().commit({ upsert: [rec("y", "2")] }, 1)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    });
    it("fences a holder's commit once another process committed since (a lock lost while paused)", async () => {
      const { backend, reopen } = await make();
      const unlock = await backend.lock({ owner: "ci@runner-1", operation: "apply", acquiredAt: "2026-06-01T00:00:00Z" }, { waitMs: 0 });
      const serial = (await backend.read()).serial;
      await backend.commit({ upsert: [rec("mine", "1")] }, serial);
      await reopen().commit({ upsert: [rec("theirs", "2")] });
      await expect(backend.commit({ upsert: [rec("late", "3")] }, serial + 1)).rejects.toBeInstanceOf(StaleStateError);
      await unlock();
      expect(Object.keys((await reopen().read()).tasks).sort()).toEqual(["mine", "theirs"]);
    });
    it("round-trips 10,000 records in one change", async () => {
      const { backend, reopen } = await make();
      await backend.commit({ upsert: Array.from({ length: 10_000 }, (_, i) => rec(`k${i}`, String(11747540331280012n + BigInt(i)))) });
      const read = await reopen().read();
      expect(Object.keys(read.tasks)).toHaveLength(10_000);
      expect(read.tasks.k9999?.remoteId).toBe("11747540331290011");
    });
    it("lets one holder in at a time, naming the holder to the other", async () => {
      const { backend, reopen } = await make();
      const unlock = await backend.lock({ owner: "ci@runner-1", operation: "apply", acquiredAt: "2026-06-01T00:00:00Z" }, { waitMs: 0 });
      const other = reopen();
      const refused = await other.lock({ owner: "me@laptop", operation: "apply", acquiredAt: "2026-06-01T00:00:01Z" }, { waitMs: 0 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LockHeldError);
      expect((refused as Error).message).toContain("held by ci@runner-1 (apply");
      const waiting = other.lock({ owner: "me@laptop", operation: "apply", acquiredAt: "x" }, { waitMs: 5_000 });
      await unlock();
      await (await waiting)();
    });
  });
}
