/**
 * The local state backend: `.push/state.json`, a versioned envelope written atomically (temp file, fsync,
 * rename), plus an append-only journal beside it (`state.json.journal`, one change a line, fsync'd) so that a
 * commit costs an append rather than a rewrite: apply commits twice per operation. Reads replay the journal
 * over the snapshot (a torn last line from a crash is ignored); unlock folds the journal into the snapshot.
 * The lock is a directory beside the file (proper-lockfile: atomic mkdir, stale detection) with the holder's
 * details in `state.json.lock.json`.
 */
import { randomUUID } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";
import { emptySnapshot, type StateChange, type StateSnapshot } from "../../model/state.js";
import { LockHeldError, StaleStateError, type LockInfo, type LockOptions, type StateBackend, type Unlock } from "../backend.js";
import { applyChange } from "../change.js";

/** Fold the journal into the snapshot once it holds this many changes (and at every unlock). */
const COMPACT_AFTER = 5_000;

export class LocalBackend implements StateBackend {
  readonly kind = "local";
  private readonly journal: string;
  /** The snapshot as of the journal's end, kept while this process holds the lock. */
  private cached: { snapshot: StateSnapshot; entries: number } | null = null;
  private locked = false;

  constructor(private readonly path: string) {
    this.journal = `${path}.journal`;
  }

  private load(): { snapshot: StateSnapshot; entries: number } {
    let snapshot: StateSnapshot;
    try {
      snapshot = JSON.parse(readFileSync(this.path, "utf8")) as StateSnapshot;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause;
      snapshot = this.create();
    }
    let entries = 0;
    let text = "";
    try {
      text = readFileSync(this.journal, "utf8");
    } catch {
      // no journal: the snapshot is the state
    }
    for (const line of text.split("\n")) {
      if (!line) continue;
      let entry: { serial: number; change: StateChange };
      try {
        entry = JSON.parse(line) as { serial: number; change: StateChange };
      } catch {
        break; // a torn last line: that commit never completed
      }
      if (entry.serial <= snapshot.serial) continue;
      snapshot = applyChange(snapshot, entry.change);
      entries++;
    }
    return { snapshot, entries };
  }

  async read(): Promise<StateSnapshot> {
    const state = this.locked && this.cached ? this.cached : this.load();
    if (this.locked) this.cached = state;
    return structuredClone(state.snapshot);
  }

  async commit(change: StateChange, expectedSerial?: number): Promise<number> {
    const current = this.locked && this.cached ? this.cached : this.load();
    if (expectedSerial !== undefined && current.snapshot.serial !== expectedSerial) throw new StaleStateError(expectedSerial, current.snapshot.serial);
    const next = applyChange(current.snapshot, structuredClone(change));
    const fd = openSync(this.journal, "a");
    try {
      writeSync(fd, `${JSON.stringify({ serial: next.serial, change })}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const state = { snapshot: next, entries: current.entries + 1 };
    if (this.locked) this.cached = state;
    if (state.entries >= COMPACT_AFTER) this.compact(next);
    return next.serial;
  }

  /** Rewrites the snapshot, then empties the journal: a crash between the two leaves entries the snapshot already has. */
  private compact(snapshot: StateSnapshot): void {
    this.write(snapshot);
    writeFileSync(this.journal, "");
    if (this.cached) this.cached = { snapshot, entries: 0 };
  }

  /**
   * Nothing stored yet: the state is born now, so that every later plan and apply sees one lineage. Two processes
   * may get here at once: the file is created exclusively (a hard link of a complete temp file), and the loser
   * reads the winner's.
   */
  private create(): StateSnapshot {
    const snapshot = emptySnapshot(randomUUID());
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.new`;
    writeFileSync(temp, JSON.stringify(snapshot, null, 1));
    try {
      linkSync(temp, this.path);
      return snapshot;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "EEXIST") throw cause;
      return JSON.parse(readFileSync(this.path, "utf8")) as StateSnapshot;
    } finally {
      rmSync(temp, { force: true });
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

  async lock(info: LockInfo, options: LockOptions): Promise<Unlock> {
    mkdirSync(dirname(this.path), { recursive: true });
    const holderFile = `${this.path}.lock.json`;
    const retries = Math.max(0, Math.ceil(options.waitMs / 100));
    const take = (tries: number) => lockfile.lock(this.path, { realpath: false, stale: 30_000, update: 5_000, retries: tries ? { retries: tries, minTimeout: 100, maxTimeout: 100 } : 0 });
    let release: () => Promise<void>;
    try {
      release = await take(0).catch(async (cause: NodeJS.ErrnoException) => {
        if (cause.code !== "ELOCKED") throw cause;
        // A holder on this machine whose process is gone (killed mid-apply) left a stale lock: take it over at once.
        if (this.holderIsDead(holderFile)) {
          rmSync(`${this.path}.lock`, { recursive: true, force: true });
          return take(0);
        }
        if (retries === 0) throw cause;
        return take(retries);
      });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "ELOCKED") throw cause;
      throw new LockHeldError(this.holder(holderFile), this.path);
    }
    writeFileSync(holderFile, JSON.stringify({ ...info, pid: process.pid, hostname: hostname() }));
    this.locked = true;
    this.cached = null;
    return async () => {
      try {
        const state = this.load();
        if (state.entries > 0) this.compact(state.snapshot);
      } finally {
        this.locked = false;
        this.cached = null;
        rmSync(holderFile, { force: true });
        await release();
      }
    };
  }

  private holder(holderFile: string): (LockInfo & { pid?: number; hostname?: string }) | null {
    try {
      return JSON.parse(readFileSync(holderFile, "utf8")) as LockInfo & { pid?: number; hostname?: string };
    } catch {
      return null; // the holder has not written its details yet
    }
  }

  private holderIsDead(holderFile: string): boolean {
    const holder = this.holder(holderFile);
    if (!holder?.pid || holder.hostname !== hostname() || holder.pid === process.pid) return false;
    try {
      process.kill(holder.pid, 0);
      return false;
    } catch (cause) {
      return (cause as NodeJS.ErrnoException).code === "ESRCH";
    }
  }

  async close(): Promise<void> {}
}
