import * as fs from "node:fs";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Store, type StoreFs } from "../../src/emulator/store.js";

// The store's writes over the real file system, through a layer that records the calls and can fill the disk.
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "push-store-"));
  dirs.push(dir);
  return dir;
}

/** node:fs, with every call recorded; writes return at most `chunk` bytes, and the disk is full after `room` bytes. */
function layer(options: { chunk?: number; room?: number } = {}): { fs: StoreFs; calls: string[] } {
  const calls: string[] = [];
  let used = 0;
  const fds = new Map<number, string>();
  const layered: StoreFs = {
    ...fs,
    openSync: ((path: string, flags: string) => {
      const fd = fs.openSync(path, flags);
      fds.set(fd, path);
      calls.push(`open ${path.endsWith(".tmp") ? "temp" : "folder"}`);
      return fd;
    }) as StoreFs["openSync"],
    writeSync: ((fd: number, buffer: Buffer, offset: number, length: number) => {
      if (options.room !== undefined && used >= options.room) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      const n = Math.min(length, options.chunk ?? length, options.room === undefined ? length : options.room - used);
      used += n;
      calls.push("write");
      return fs.writeSync(fd, buffer, offset, n);
    }) as StoreFs["writeSync"],
    fsyncSync: (fd: number) => {
      calls.push(`fsync ${fds.get(fd)!.endsWith(".tmp") ? "temp" : "folder"}`);
      fs.fsyncSync(fd);
    },
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      calls.push("rename");
      fs.renameSync(from, to);
    },
  };
  return { fs: layered, calls };
}

describe("the emulator store's writes", () => {
  it("writes every byte through short writes, fsyncs the file before the rename and the folder after it", () => {
    const file = join(folder(), "emulator.json");
    const { fs: layered, calls } = layer({ chunk: 7 });
    const store = new Store(file, layered);
    store.nextMessageId();
    store.flush();
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ version: 1, nextMessageId: "11747540331280013" });
    const steps = calls.filter((c, i) => c !== "write" || calls[i - 1] !== "write");
    expect(steps).toEqual(["open temp", "write", "fsync temp", "rename", "open folder", "fsync folder"]);
    expect(calls.filter((c) => c === "write").length).toBeGreaterThan(10);
  });

  it("leaves the previous store whole when the disk fills mid-write, removes the partial temp file, and says so", () => {
    const dir = folder();
    const file = join(dir, "emulator.json");
    const first = new Store(file);
    first.nextMessageId();
    first.flush();
    const before = readFileSync(file, "utf8");

    const { fs: full } = layer({ chunk: 16, room: 40 });
    const store = new Store(file, full);
    for (let i = 0; i < 5; i++) store.nextMessageId();
    expect(() => store.flush()).toThrow(/cannot write .*emulator\.json: ENOSPC/);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(readdirSync(dir)).toEqual(["emulator.json"]);
    // The next write, with room again, goes through.
    const healed = new Store(file);
    healed.nextMessageId();
    healed.flush();
    expect(JSON.parse(readFileSync(file, "utf8")).nextMessageId).toBe("11747540331280014");
  });
});
