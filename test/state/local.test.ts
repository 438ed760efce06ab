import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TaskRecord } from "../../src/model/state.js";
import { LockHeldError, StaleStateError, type StateBackend } from "../../src/state/backend.js";
import { LocalBackend } from "../../src/state/local/backend.js";
import { MemoryBackend } from "../../src/state/memory/backend.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "push-state-"));
  dirs.push(dir);
  return join(dir, ".push", "state.json");
};

const rec = (key: string, remoteId: string): TaskRecord => ({
  key, campaign: key, provider: "emas", app: "shop", appRef: { provider: "emas", appKey: 1 }, remoteId, hash: "h", sendAt: null, status: "sent",
  request: { AppKey: 1, IdempotentToken: "t", PushTask: {} }, origin: "push", createdAt: "2026-06-01T00:00:00.000Z", updatedAt: "2026-06-01T00:00:00.000Z",
});

// One conformance suite for every backend (local file, in-memory fake).
for (const [name, make] of [
  ["local", () => { const path = tempPath(); return { backend: new LocalBackend(path) as StateBackend, reopen: () => new LocalBackend(path) as StateBackend }; }],
  ["memory", () => { const backend = new MemoryBackend(); return { backend: backend as StateBackend, reopen: () => backend as StateBackend }; }],
] as const) {
  describe(`state backend: ${name}`, () => {
    it("starts empty with a lineage that stays, and counts commits in its serial", async () => {
      const { backend, reopen } = make();
      const empty = await backend.read();
      expect(empty).toMatchObject({ version: 1, serial: 0, tasks: {}, history: [] });
      expect((await reopen().read()).lineage).toBe(empty.lineage);
      expect(await backend.commit({ upsert: [rec("a", "11747540331280013")] })).toBe(1);
      expect(await backend.commit({ upsert: [rec("b", "2")], remove: ["a"], history: [{ at: "x", actor: "me", commit: null, command: "apply p", operations: [] }] })).toBe(2);
      const read = await reopen().read();
      expect(Object.keys(read.tasks)).toEqual(["b"]);
      expect(read.history).toHaveLength(1);
      expect(read.lineage).toBe(empty.lineage);
    });
    it("keeps MessageIds above 2^53 as exact digit strings", async () => {
      const { backend, reopen } = make();
      await backend.commit({ upsert: [rec("a", "11747540331280013")] });
      expect((await reopen().read()).tasks.a?.remoteId).toBe("11747540331280013");
    });
    it("refuses a commit against a stale serial", async () => {
      const { backend } = make();
      await backend.commit({ upsert: [rec("a", "1")] });
      await expect(backend.commit({ remove: ["a"] }, 0)).rejects.toBeInstanceOf(StaleStateError);
    });
    it("lets one holder in at a time, naming the holder to the other", async () => {
      const { backend, reopen } = make();
      const unlock = await backend.lock({ owner: "ci@runner-1", operation: "apply", acquiredAt: "2026-06-01T00:00:00Z" }, { waitMs: 0 });
      const other = reopen();
      const refused = await other.lock({ owner: "me@laptop", operation: "apply", acquiredAt: "2026-06-01T00:00:01Z" }, { waitMs: 0 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LockHeldError);
      expect((refused as Error).message).toContain("held by ci@runner-1 (apply");
      const waiting = other.lock({ owner: "me@laptop", operation: "apply", acquiredAt: "x" }, { waitMs: 2_000 });
      await unlock();
      await (await waiting)();
    });
  });
}

describe("local state file", () => {
  it("is a readable, versioned JSON envelope, rewritten atomically when the lock is released", async () => {
    const path = tempPath();
    const backend = new LocalBackend(path);
    const unlock = await backend.lock({ owner: "me", operation: "apply", acquiredAt: "x" }, { waitMs: 0 });
    await backend.commit({ upsert: [rec("a", "1")] });
    await unlock();
    const envelope = JSON.parse(readFileSync(path, "utf8"));
    expect(envelope).toMatchObject({ version: 1, serial: 1, tasks: { a: { remoteId: "1" } } });
    expect(typeof envelope.lineage).toBe("string");
  });
});

describe("local journal", () => {
  it("appends commits, replays them, ignores a torn last line, and folds them in on unlock", async () => {
    const path = tempPath();
    const backend = new LocalBackend(path);
    const unlock = await backend.lock({ owner: "me", operation: "apply", acquiredAt: "x" }, { waitMs: 0 });
    await backend.commit({ upsert: [rec("a", "1")] });
    await backend.commit({ upsert: [rec("b", "2")] });
    expect(readFileSync(`${path}.journal`, "utf8").trim().split("\n")).toHaveLength(2);
    // Another reader (another process) sees the journal replayed over the snapshot.
    expect(Object.keys((await new LocalBackend(path).read()).tasks)).toEqual(["a", "b"]);
    const { appendFileSync } = await import("node:fs");
    appendFileSync(`${path}.journal`, '{"serial":3,"change":{"upsert":[');
    expect((await new LocalBackend(path).read()).serial).toBe(2);
    await unlock();
    expect(readFileSync(`${path}.journal`, "utf8")).toBe("");
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ serial: 2 });
  });
});
