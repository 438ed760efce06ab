/**
 * The local state backend: `.push/state.json`, a versioned envelope written atomically (temp file, fsync, rename),
 * and a lock directory beside it (proper-lockfile: atomic mkdir, stale detection) with the holder's details.
 */
import { randomUUID } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";
import { emptySnapshot, type StateChange, type StateSnapshot } from "../../model/state.js";
import { LockHeldError, StaleStateError, type LockInfo, type LockOptions, type StateBackend, type Unlock } from "../backend.js";
import { applyChange } from "../change.js";

export class LocalBackend implements StateBackend {
  readonly kind = "local";
  constructor(private readonly path: string) {}

  async read(): Promise<StateSnapshot> {
    try {
      return JSON.parse(readFileSync(this.path, "utf8")) as StateSnapshot;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause;
      // Nothing stored yet: the state is born now, so that every later plan and apply sees one lineage.
      const empty = emptySnapshot(randomUUID());
      this.write(empty);
      return empty;
    }
  }

  private write(snapshot: StateSnapshot): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, JSON.stringify(snapshot, null, 1));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.path);
  }

  async commit(change: StateChange, expectedSerial?: number): Promise<number> {
    const current = await this.read();
    if (expectedSerial !== undefined && current.serial !== expectedSerial) throw new StaleStateError(expectedSerial, current.serial);
    const next = applyChange(current, change);
    this.write(next);
    return next.serial;
  }

  async lock(info: LockInfo, options: LockOptions): Promise<Unlock> {
    mkdirSync(dirname(this.path), { recursive: true });
    const holderFile = `${this.path}.lock.json`;
    const retries = Math.max(0, Math.ceil(options.waitMs / 100));
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.path, { realpath: false, stale: 30_000, update: 5_000, retries: retries ? { retries, minTimeout: 100, maxTimeout: 100 } : 0 });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "ELOCKED") throw cause;
      let holder: LockInfo | null = null;
      try {
        holder = JSON.parse(readFileSync(holderFile, "utf8")) as LockInfo;
      } catch {
        // the holder has not written its details yet
      }
      throw new LockHeldError(holder, this.path);
    }
    writeFileSync(holderFile, JSON.stringify({ ...info, pid: process.pid, hostname: hostname() }));
    return async () => {
      rmSync(holderFile, { force: true });
      await release();
    };
  }

  async close(): Promise<void> {}
}
