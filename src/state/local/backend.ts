/**
 * The local state backend: `.push/state.json`, a versioned envelope, plus an append-only journal beside it
 * (`state.json.journal`, one change a line) so that a commit costs an append rather than a rewrite: apply commits
 * twice per operation. Reads replay the journal over the snapshot; unlock folds the journal into the snapshot.
 *
 * Durability: every write is checked for its length and fsync'd (`durable.ts`). A commit returns only once its
 * whole line is on disk; bytes after the last whole line are a torn record (a crash or a full disk): readers
 * ignore them and say so, a writer cuts them off (keeping a copy) before it appends. The fold writes a temp
 * file, keeps the old state as `state.json.backup`, renames, fsyncs the folder, and only then moves the journal
 * aside: a failure at any step leaves the old state and the journal whole. The lock is `lock.ts`.
 */
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { dirname } from "node:path";
import { emptySnapshot, type StateChange, type StateSnapshot } from "../../model/state.js";
import { LockLostError, StaleStateError, StateError, type LockInfo, type LockOptions, type StateBackend, type Unlock } from "../backend.js";
import { applyChange, currentRecords } from "../change.js";
import { envelopeProblem } from "../envelope.js";
import { fsyncDir, replaceDurably, writeAll, writeError, writeNewFile } from "./durable.js";
import { FileLock, type HeldLock } from "./lock.js";
import { errorCode, nodeFs, type StateFs } from "./fs.js";
import { journalLine, parseJournal } from "./journal.js";
import { unreadableState } from "./recovery.js";

/** Fold the journal into the snapshot once it holds this many changes (and at every unlock). */
const COMPACT_AFTER = 5_000;

export interface LocalBackendOptions {
  fs?: StateFs;
  /** Where the backend says what it repaired or ignored (the CLI: stderr). */
  notice?: (message: string) => void;
}

/** The state as of the journal's last whole record, and what was on disk when it was read. */
interface Loaded {
  snapshot: StateSnapshot;
  entries: number;
  journalEnd: number;
  tornBytes: number;
  /** Size of the journal and identity of the state file, to tell whether another process wrote since. */
  stamp: string;
}

export class LocalBackend implements StateBackend {
  readonly kind = "local";
  private readonly journal: string;
  private readonly fs: StateFs;
  private readonly notice: (message: string) => void;
  private readonly lockFile: FileLock;
  /** The state as of the journal's end, kept while this process holds the lock. */
  private cached: Loaded | null = null;
  private held: HeldLock | null = null;

  constructor(
    private readonly path: string,
    options: LocalBackendOptions = {},
  ) {
    this.journal = `${path}.journal`;
    this.fs = options.fs ?? nodeFs;
    this.notice = options.notice ?? (() => undefined);
    this.lockFile = new FileLock(this.fs, `${path}.lock`);
  }

  private stamp(): string {
    const of = (file: string) => {
      try {
        const s = this.fs.statSync(file);
        return `${s.ino}:${s.size}:${s.mtimeMs}`;
      } catch (cause) {
        if (errorCode(cause) === "ENOENT") return "-";
        throw cause;
      }
    };
    return `${of(this.path)}|${of(this.journal)}`;
  }

  private readSnapshot(): StateSnapshot {
    let bytes: Buffer;
    try {
      bytes = this.fs.readFileSync(this.path);
    } catch (cause) {
      if (errorCode(cause) === "ENOENT") return this.create();
      throw unreadableState(this.fs, this.path, `it cannot be read: ${errorCode(cause) ?? (cause as Error).message}`);
    }
    if (bytes.length === 0) throw unreadableState(this.fs, this.path, "it is empty (0 bytes)");
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString("utf8"));
    } catch (cause) {
      throw unreadableState(
        this.fs,
        this.path,
        `it is not valid JSON (${(cause as Error).message}; ${bytes.length} bytes: cut short by a crash or a full disk, or edited)`,
      );
    }
    const problem = envelopeProblem(value);
    if (problem) throw unreadableState(this.fs, this.path, problem);
    const snapshot = value as StateSnapshot;
    return { ...snapshot, tasks: currentRecords(snapshot.tasks) };
  }

  private load(): Loaded {
    const stamp = this.stamp();
    let snapshot = this.readSnapshot();
    let bytes: Buffer = Buffer.alloc(0);
    try {
      bytes = this.fs.readFileSync(this.journal);
    } catch (cause) {
      if (errorCode(cause) !== "ENOENT") throw new StateError(`cannot read the state journal ${this.journal}: ${errorCode(cause) ?? (cause as Error).message}`);
    }
    const parsed = parseJournal(bytes);
    if (parsed.corrupt) throw this.corruptJournal(`line ${parsed.corrupt.line} is ${parsed.corrupt.reason}`);
    let entries = 0;
    for (const [i, record] of parsed.records.entries()) {
      if (record.serial <= snapshot.serial) continue; // folded in already (a crash between the rewrite and the truncation)
      if (record.serial !== snapshot.serial + 1) throw this.corruptJournal(`line ${i + 1} has serial ${record.serial} where ${snapshot.serial + 1} comes next`);
      snapshot = applyChange(snapshot, record.change);
      entries++;
    }
    return { snapshot, entries, journalEnd: parsed.end, tornBytes: parsed.tornBytes, stamp };
  }

  private corruptJournal(what: string): StateError {
    return new StateError(
      `the state journal ${this.journal} is damaged: ${what}.\n` +
        `  The records before it are whole. To recover: move the journal aside (mv ${this.journal} ${this.journal}.damaged), run push state list ` +
        "to see what state.json holds, then push plan: tasks the provider holds that state does not are listed as unmanaged.",
    );
  }

  /** A reader's view: the state as of the last whole record; a torn tail is ignored, and said so. */
  private loadForReading(): Loaded {
    const loaded = this.load();
    if (loaded.tornBytes && !this.held) {
      this.notice(
        `${this.journal} ends in ${loaded.tornBytes} byte(s) of an incomplete record (a write in progress, or one a crash or a full disk cut short): ignored; the next push apply or push state rm sets them aside`,
      );
    }
    return loaded;
  }

  /** Under the lock, the cached state, unless another process wrote since (then this one lost the lock). */
  private current(): Loaded {
    if (!this.held) return this.load();
    if (!this.held.stillHeld()) {
      throw new LockLostError(
        `this process no longer holds the state lock ${this.lockFile.path} (another process took it over, or it was removed): nothing more is written`,
      );
    }
    if (this.cached && this.cached.stamp === this.stamp()) return this.cached;
    return (this.cached = this.load());
  }

  async read(): Promise<StateSnapshot> {
    const state = this.held ? this.current() : this.loadForReading();
    return structuredClone(state.snapshot);
  }

  async commit(change: StateChange, expectedSerial?: number): Promise<number> {
    const current = this.current();
    if (expectedSerial !== undefined && current.snapshot.serial !== expectedSerial) throw new StaleStateError(expectedSerial, current.snapshot.serial);
    if (current.tornBytes) this.setTornTailAside(current);
    const next = applyChange(current.snapshot, structuredClone(change));
    const line = journalLine({ serial: next.serial, change });
    this.append(line, current.journalEnd);
    const state: Loaded = { snapshot: next, entries: current.entries + 1, journalEnd: current.journalEnd + line.length, tornBytes: 0, stamp: this.stamp() };
    if (this.held) this.cached = state;
    if (state.entries >= COMPACT_AFTER) this.foldOrSay(state);
    return next.serial;
  }

  async restore(snapshot: StateSnapshot, expectedSerial: number): Promise<void> {
    const current = this.current();
    if (current.snapshot.serial !== expectedSerial) throw new StaleStateError(expectedSerial, current.snapshot.serial);
    // The snapshot file as a fold writes it, and the journal (changes of the state it replaces) set aside.
    replaceDurably(this.fs, this.path, Buffer.from(JSON.stringify(snapshot, null, 1)), `${this.path}.backup`);
    try {
      this.fs.renameSync(this.journal, `${this.journal}.backup`);
      fsyncDir(this.fs, dirname(this.journal));
    } catch (cause) {
      if (errorCode(cause) !== "ENOENT") throw writeError(this.journal, cause);
    }
    const state: Loaded = { snapshot: structuredClone(snapshot), entries: 0, journalEnd: 0, tornBytes: 0, stamp: this.stamp() };
    if (this.held) this.cached = state;
  }

  /** Writes `line` at `end` (never after a fragment); on failure, cuts the journal back to `end`. */
  private append(line: Buffer, end: number): void {
    let fd: number;
    try {
      this.fs.mkdirSync(dirname(this.journal), { recursive: true });
      fd = this.fs.openSync(this.journal, constants.O_WRONLY | constants.O_CREAT);
    } catch (cause) {
      throw writeError(this.journal, cause);
    }
    try {
      writeAll(this.fs, fd, line, end);
      this.fs.fsyncSync(fd);
      if (end === 0) fsyncDir(this.fs, dirname(this.journal));
    } catch (cause) {
      try {
        this.fs.ftruncateSync(fd, end);
        this.fs.fsyncSync(fd);
      } catch {
        // the next load finds the torn tail and sets it aside
      }
      throw writeError(this.journal, cause);
    } finally {
      this.fs.closeSync(fd);
    }
  }

  /** Copies the bytes after the last whole record to a file of their own, then cuts the journal there. */
  private setTornTailAside(loaded: Loaded): void {
    const copy = `${this.journal}.torn-${Date.now()}`;
    try {
      const torn = this.fs.readFileSync(this.journal).subarray(loaded.journalEnd);
      writeNewFile(this.fs, copy, torn);
      const fd = this.fs.openSync(this.journal, constants.O_WRONLY);
      try {
        this.fs.ftruncateSync(fd, loaded.journalEnd);
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
    } catch (cause) {
      throw writeError(this.journal, cause);
    }
    this.notice(
      `${this.journal} ended in ${loaded.tornBytes} byte(s) of a record a crash or a full disk cut short (never committed): cut off after the last whole record (serial ${loaded.snapshot.serial}); the bytes are kept in ${copy}`,
    );
    loaded.tornBytes = 0;
    loaded.stamp = this.stamp();
  }

  /**
   * Rewrites the snapshot durably (the old one kept as `state.json.backup`), then moves the journal to
   * `state.json.journal.backup`: the two backups together are the new state, should it be lost. A crash between
   * the steps leaves journal entries the snapshot has already, which a load skips.
   */
  private fold(state: Loaded): void {
    replaceDurably(this.fs, this.path, Buffer.from(JSON.stringify(state.snapshot, null, 1)), `${this.path}.backup`);
    try {
      this.fs.renameSync(this.journal, `${this.journal}.backup`);
      fsyncDir(this.fs, dirname(this.journal));
    } catch (cause) {
      throw writeError(this.journal, cause);
    }
    Object.assign(state, { entries: 0, journalEnd: 0, stamp: this.stamp() });
  }

  /**
   * Nothing stored yet: the state is born now, so that every later plan and apply sees one lineage. Two processes
   * may get here at once: the file is created exclusively (a hard link of a complete temp file), and the loser
   * reads the winner's.
   */
  private create(): StateSnapshot {
    const snapshot = emptySnapshot(randomUUID());
    const temp = `${this.path}.${process.pid}.new`;
    try {
      this.fs.mkdirSync(dirname(this.path), { recursive: true });
      writeNewFile(this.fs, temp, Buffer.from(JSON.stringify(snapshot, null, 1)));
    } catch (cause) {
      throw writeError(this.path, cause);
    }
    try {
      this.fs.linkSync(temp, this.path);
      fsyncDir(this.fs, dirname(this.path));
      return snapshot;
    } catch (cause) {
      if (errorCode(cause) !== "EEXIST") throw writeError(this.path, cause);
      return this.readSnapshot();
    } finally {
      try {
        this.fs.unlinkSync(temp);
      } catch {
        // gone already
      }
    }
  }

  async lock(info: LockInfo, options: LockOptions): Promise<Unlock> {
    const held = await this.lockFile.acquire(info, options);
    this.held = held;
    this.cached = null;
    try {
      const loaded = this.load();
      if (loaded.tornBytes) this.setTornTailAside(loaded);
      this.cached = loaded;
    } catch (cause) {
      this.held = null;
      held.release();
      throw cause;
    }
    return async () => {
      try {
        // Fold only what this holder wrote: a lock lost meanwhile belongs to another process now.
        if (held.stillHeld()) {
          const state = this.load();
          if (state.entries > 0) this.foldOrSay(state);
        }
      } finally {
        this.held = null;
        this.cached = null;
        held.release();
      }
    };
  }

  /** At unlock, a failed fold loses nothing (the journal holds every commit): it is said, and tried again next time. */
  private foldOrSay(state: Loaded): void {
    try {
      this.fold(state);
    } catch (cause) {
      if (!(cause instanceof StateError)) throw cause;
      this.notice(`${cause.message}. Nothing is lost: ${this.journal} holds every change recorded and is folded into the state at the next unlock`);
    }
  }

  async close(): Promise<void> {}
}
