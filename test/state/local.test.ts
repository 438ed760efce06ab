import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { describeBackendConformance, rec } from "./conformance.js";
import { LocalBackend } from "../../src/state/local/backend.js";
import { MemoryBackend } from "../../src/state/memory/backend.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "push-state-"));
  dirs.push(dir);
  return join(dir, ".push", "state.json");
};

describeBackendConformance("local", async () => {
  const path = tempPath();
  return { backend: new LocalBackend(path), reopen: () => new LocalBackend(path) };
});
describeBackendConformance("memory", async () => {
  const backend = new MemoryBackend();
  return { backend, reopen: () => backend };
});

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
  it("appends commits, replays them, ignores a torn last line, and folds them in on unlock (keeping the journal as a backup)", async () => {
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
    expect(existsSync(`${path}.journal`)).toBe(false);
    expect(
      readFileSync(`${path}.journal.backup`, "utf8")
        .split("\n")
        .slice(0, 2)
        .map((l) => JSON.parse(l).serial),
    ).toEqual([1, 2]);
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ serial: 2 });
  });
});

describe("local state birth", () => {
  it("gives two first readers one lineage", async () => {
    const path = tempPath();
    const [a, b] = await Promise.all([new LocalBackend(path).read(), new LocalBackend(path).read()]);
    expect(a.lineage).toBe(b.lineage);
    expect((await new LocalBackend(path).read()).lineage).toBe(a.lineage);
  });
});
