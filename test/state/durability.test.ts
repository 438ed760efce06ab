import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stateList } from "../../src/cli/commands/state.js";
import { LockLostError, StateError, StateWriteError } from "../../src/state/backend.js";
import { LocalBackend } from "../../src/state/local/backend.js";
import { rec } from "./conformance.js";
import { faultyFs } from "./faulty-fs.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "push-durable-"));
  dirs.push(dir);
  return join(dir, ".push", "state.json");
};
const who = { owner: "me", operation: "apply", acquiredAt: "x" };
const FRAGMENT = '{"serial":2,"change":{"upsert":[{"key":"lost"';

describe("a torn journal tail (a crash or a full disk mid-append)", () => {
  it("is set aside by the next writer, which appends after the last whole record, and said", async () => {
    const path = tempPath();
    const notices: string[] = [];
    await new LocalBackend(path).commit({ upsert: [rec("a", "1")] });
    appendFileSync(`${path}.journal`, FRAGMENT);
    const writer = new LocalBackend(path, { notice: (m) => notices.push(m) });
    const unlock = await writer.lock(who, { waitMs: 0 });
    expect(await writer.commit({ upsert: [rec("b", "2")] })).toBe(2);
    const seen = await new LocalBackend(path).read();
    expect(seen.serial).toBe(2);
    expect(Object.keys(seen.tasks)).toEqual(["a", "b"]);
    await unlock();
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ serial: 2 });
    const copies = readdirSync(dirname(path)).filter((f) => f.startsWith("state.json.journal.torn-"));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(dirname(path), copies[0]!), "utf8")).toBe(FRAGMENT);
    expect(notices.join("\n")).toMatch(/ended in 45 byte\(s\) of a record .* cut off after the last whole record \(serial 1\); the bytes are kept in .*torn-/);
  });

  it("is ignored by a reader, which says so and writes nothing", async () => {
    const path = tempPath();
    await new LocalBackend(path).commit({ upsert: [rec("a", "1")] });
    appendFileSync(`${path}.journal`, FRAGMENT);
    const before = readFileSync(`${path}.journal`);
    const notices: string[] = [];
    const fs = faultyFs({ readOnly: true });
    expect((await new LocalBackend(path, { fs, notice: (m) => notices.push(m) }).read()).serial).toBe(1);
    expect(readFileSync(`${path}.journal`)).toEqual(before);
    expect(notices[0]).toContain("ends in 45 byte(s) of an incomplete record");
  });

  it("a commit never follows a fragment, even without the lock", async () => {
    const path = tempPath();
    await new LocalBackend(path).commit({ upsert: [rec("a", "1")] });
    appendFileSync(`${path}.journal`, FRAGMENT);
    await new LocalBackend(path).commit({ upsert: [rec("b", "2")] });
    await new LocalBackend(path).commit({ upsert: [rec("c", "3")] });
    expect((await new LocalBackend(path).read()).serial).toBe(3);
  });
});

describe("a full disk or a failing disk", () => {
  it("a commit cut short fails naming the journal and the cause, and leaves no fragment behind", async () => {
    const path = tempPath();
    const fs = faultyFs({});
    const backend = new LocalBackend(path, { fs });
    await backend.commit({ upsert: [rec("a", "1")] });
    const size = statSync(`${path}.journal`).size;
    fs.faults.spaceLeft = 10;
    const error = await backend.commit({ upsert: [rec("b", "2")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateWriteError);
    expect((error as Error).message).toBe(`cannot write state.json.journal (${path}.journal): ENOSPC: the disk is full: free some space`);
    expect(statSync(`${path}.journal`).size).toBe(size);
    delete fs.faults.spaceLeft;
    expect(await backend.commit({ upsert: [rec("c", "3")] })).toBe(2);
    expect(Object.keys((await new LocalBackend(path).read()).tasks)).toEqual(["a", "c"]);
  });

  for (const [name, faults] of [
    ["the disk fills during the rewrite", { spaceLeft: 2_000 }],
    ["fsync of the new state fails", { failFsync: (p: string) => p.endsWith(".tmp") }],
    ["the rename fails", { failRename: (to: string) => to.endsWith("state.json") }],
    ["fsync of the folder fails", { failFsync: (p: string) => p.endsWith(".push") }],
  ] as const) {
    it(`keeps the old state and the whole journal when ${name} at unlock, and says nothing is lost`, async () => {
      const path = tempPath();
      const fs = faultyFs({});
      const notices: string[] = [];
      const backend = new LocalBackend(path, { fs, notice: (m) => notices.push(m) });
      const unlock = await backend.lock(who, { waitMs: 0 });
      for (let i = 0; i < 50; i++) await backend.commit({ upsert: [rec(`k${i}`, String(11747540331280012n + BigInt(i)))] });
      const old = readFileSync(path);
      const journal = readFileSync(`${path}.journal`);
      Object.assign(fs.faults, faults);
      await unlock();
      expect(notices.join("\n")).toMatch(/cannot write state\.json .*Nothing is lost: .*state\.json\.journal holds every change recorded/);
      if (!("failFsync" in faults && faults.failFsync(join(dirname(path))))) expect(readFileSync(path)).toEqual(old);
      expect(readFileSync(`${path}.journal`)).toEqual(journal);
      expect(readdirSync(dirname(path)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      for (const key of Object.keys(faults)) delete (fs.faults as Record<string, unknown>)[key];
      const after = await new LocalBackend(path).read();
      expect([after.serial, Object.keys(after.tasks).length]).toEqual([50, 50]);
      await (await new LocalBackend(path).lock(who, { waitMs: 0 }))();
      expect(JSON.parse(readFileSync(path, "utf8")).serial).toBe(50);
    });
  }

  it("keeps the previous state and the journal it folded as backups of each rewrite", async () => {
    const path = tempPath();
    const backend = new LocalBackend(path);
    for (const key of ["a", "b"]) {
      const unlock = await backend.lock(who, { waitMs: 0 });
      await backend.commit({ upsert: [rec(key, "1")] });
      await unlock();
    }
    expect(JSON.parse(readFileSync(`${path}.backup`, "utf8")).serial).toBe(1);
    expect(readFileSync(`${path}.journal.backup`, "utf8")).toContain('"serial":2');
    expect(existsSync(`${path}.journal`)).toBe(false);
  });
});

describe("a state file that cannot be used", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["empty", "", /it is empty \(0 bytes\)/],
    [
      "truncated",
      '{"version":1,"lineage":"l","serial":3,"tasks":{"a":{"key":"a"',
      /it is not valid JSON \(.*; 61 bytes: cut short by a crash or a full disk, or edited\)/,
    ],
    ["random bytes", "\u0000\u00ff\u0013garbage\u0007", /it is not valid JSON/],
    ["{}", "{}", /an object without any of the state's fields/],
    ["null", "null", /it holds null, not a state object/],
    ["a list", "[1,2]", /it holds a list, not a state object/],
    ["a serial of the wrong type", '{"version":1,"lineage":"l","serial":"3","tasks":{},"history":[]}', /its serial is "3", not a whole number/],
    ["tasks of the wrong type", '{"version":1,"lineage":"l","serial":3,"tasks":[],"history":[]}', /its tasks are a list/],
    [
      "a newer format",
      '{"version":2,"lineage":"l","serial":3,"tasks":{},"history":[],"extra":{}}',
      /state format version 2, written by a newer push; this push reads version 1: upgrade push/,
    ],
  ];
  for (const [name, text, what] of cases) {
    it(`is named with what is wrong and how to recover: ${name}`, async () => {
      const path = tempPath();
      await new LocalBackend(path).read();
      writeFileSync(path, text);
      const error = await new LocalBackend(path).read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      const message = (error as Error).message;
      expect(message).toContain(`the state file ${path} cannot be used: `);
      expect(message).toMatch(what);
      expect(message).toContain(`mv ${path} ${path}.bad`);
      expect(message).toContain("push state list");
    });
  }

  it("points at the backup when there is one, with its serial", async () => {
    const path = tempPath();
    const backend = new LocalBackend(path);
    for (const key of ["a", "b"])
      await (async () => {
        const unlock = await backend.lock(who, { waitMs: 0 });
        await backend.commit({ upsert: [rec(key, "1")] });
        await unlock();
      })();
    writeFileSync(path, '{"version":1,');
    const message = await new LocalBackend(path).read().then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toContain(`the state before the last rewrite is in ${path}.backup (serial 1, 1 task(s))`);
    expect(message).toContain(`cp ${path}.backup ${path} && cat ${path}.journal.backup ${path}.journal > ${path}.journal.new`);
  });

  it("names a damaged journal line rather than dropping what follows it", async () => {
    const path = tempPath();
    await new LocalBackend(path).commit({ upsert: [rec("a", "1")] });
    appendFileSync(`${path}.journal`, `${FRAGMENT}{"serial":2,"change":{}}\n`);
    const message = await new LocalBackend(path).read().then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toMatch(new RegExp(`^the state journal ${path}.journal is damaged: line 2 is not valid JSON`));
    expect(message).toContain(`mv ${path}.journal ${path}.journal.damaged`);
  });

  it("in a read-only folder: reading and push state list work and write nothing; a write says the folder is read-only", async () => {
    const path = tempPath();
    const writable = new LocalBackend(path);
    await writable.commit({ upsert: [rec("a", "1")] });
    const fs = faultyFs({ readOnly: true });
    const readOnly = new LocalBackend(path, { fs });
    expect(Object.keys((await readOnly.read()).tasks)).toEqual(["a"]);
    const error = await readOnly.commit({ upsert: [rec("b", "2")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateWriteError);
    expect((error as Error).message).toContain("EROFS: the file system is read-only");
    let listed = "";
    const io = { stdout: { write: (s: string | Uint8Array) => (listed += String(s)) }, stderr: { write: () => true }, env: {}, cwd: dirname(path) };
    expect(await stateList(readOnly, io, { format: "text", now: 0 })).toBe(0);
    expect(listed).toContain("1 task(s), serial 1");
    expect(fs.writes).toEqual([]);
    const fresh = new LocalBackend(join(dirname(path), "other", "state.json"), { fs });
    expect(
      await fresh.read().then(
        () => "",
        (e: Error) => e.message,
      ),
    ).toMatch(/^cannot write state\.json \(.*other\/state\.json\): EROFS: the file system is read-only$/);
  });
});

describe("a lock this process lost", () => {
  it("refuses every commit after it, and its unlock leaves the new holder's lock and journal alone", async () => {
    const path = tempPath();
    const first = new LocalBackend(path);
    const unlock = await first.lock(who, { waitMs: 0 });
    await first.commit({ upsert: [rec("a", "1")] });
    rmSync(`${path}.lock`); // as a takeover does, seen from the paused holder
    const second = new LocalBackend(path);
    const unlockSecond = await second.lock({ ...who, owner: "other" }, { waitMs: 0 });
    await second.commit({ upsert: [rec("b", "2")] });
    const error = await first.commit({ upsert: [rec("c", "3")] }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockLostError);
    expect((error as Error).message).toContain("this process no longer holds the state lock");
    await unlock();
    expect(JSON.parse(readFileSync(`${path}.lock`, "utf8")).owner).toBe("other");
    expect(readFileSync(`${path}.journal`, "utf8").trim().split("\n")).toHaveLength(2);
    await unlockSecond();
    expect(Object.keys((await new LocalBackend(path).read()).tasks)).toEqual(["a", "b"]);
  });
});
