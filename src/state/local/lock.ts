/**
 * The local state lock: a file `state.json.lock` holding its holder's details and a unique token, created by a
 * hard link of a complete temp file (atomic: of two processes, one link succeeds). A lock whose holder is gone
 * (its pid dead on this host; on another host, no heartbeat for STALE_MS) is taken over atomically: only the
 * process that creates the takeover marker named after the stale token (O_EXCL) may replace it, and it re-reads
 * the lock before and after. A holder that is merely paused (kill -STOP) is alive, so its lock is not taken.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { LockHeldError, StateError, type LockInfo, type LockOptions } from "../backend.js";
import { fsyncDir, writeError, writeNewFile } from "./durable.js";
import { errorCode, type StateFs } from "./fs.js";

export interface LockRecord extends LockInfo {
  token: string;
  pid: number;
  hostname: string;
}

/** A holder on another host that has not refreshed its lock for this long is gone. */
const STALE_MS = 60_000;
const HEARTBEAT_MS = 10_000;
/** A takeover marker is held for a few calls; one this old whose process is gone was interrupted. */
const MARKER_STALE_MS = 10_000;

export interface HeldLock {
  token: string;
  /** Whether the lock file still holds this token (false: taken over, or removed by hand). */
  stillHeld(): boolean;
  release(): void;
}

export class FileLock {
  constructor(
    private readonly fs: StateFs,
    readonly path: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  read(): LockRecord | null {
    try {
      return JSON.parse(this.fs.readFileSync(this.path).toString("utf8")) as LockRecord;
    } catch (cause) {
      if (errorCode(cause) === "ENOENT") return null;
      if (errorCode(cause) === "EISDIR")
        throw new StateError(`${this.path} is a folder (a lock left by an older push): remove it once no push runs on this state (rm -r ${this.path})`);
      if (cause instanceof SyntaxError) return null; // never written half (link of a whole file); an editor's doing
      throw new StateError(`cannot read the state lock ${this.path}: ${errorCode(cause) ?? (cause as Error).message}`);
    }
  }

  async acquire(info: LockInfo, options: LockOptions): Promise<HeldLock> {
    const dir = dirname(this.path);
    const token = randomUUID();
    const mine: LockRecord = { ...info, token, pid: process.pid, hostname: hostname() };
    const temp = `${this.path}.${token}`;
    try {
      this.fs.mkdirSync(dir, { recursive: true });
      writeNewFile(this.fs, temp, Buffer.from(JSON.stringify(mine)));
    } catch (cause) {
      throw writeError(this.path, cause);
    }
    const deadline = Date.now() + options.waitMs;
    try {
      for (let busy = 0; ; ) {
        if (this.tryLink(temp)) break;
        const takeover = this.tryTakeOver(temp, token);
        if (takeover === "taken") break;
        // Another process is taking a stale lock over (a few calls): look again shortly, to name the winner.
        if (takeover === "busy" && busy++ < 100) {
          await this.sleep(5);
          continue;
        }
        if (Date.now() >= deadline) throw new LockHeldError(this.read(), this.path);
        await this.sleep(100);
      }
    } finally {
      this.unlinkQuietly(temp);
    }
    fsyncDir(this.fs, dir);
    return this.held(token);
  }

  private tryLink(temp: string): boolean {
    try {
      this.fs.linkSync(temp, this.path);
      return true;
    } catch (cause) {
      if (errorCode(cause) === "EEXIST") return false;
      throw writeError(this.path, cause);
    }
  }

  private isGone(holder: LockRecord): boolean {
    if (holder.hostname !== hostname()) {
      try {
        return Date.now() - this.fs.statSync(this.path).mtimeMs > STALE_MS;
      } catch {
        return false;
      }
    }
    if (holder.pid === process.pid) return false;
    try {
      process.kill(holder.pid, 0);
      return false;
    } catch (cause) {
      return errorCode(cause) === "ESRCH";
    }
  }

  /** Replaces a lock whose holder is gone: "none" when its holder is alive, "busy" when another process is at it. */
  private tryTakeOver(temp: string, token: string): "taken" | "busy" | "none" {
    const stale = this.read();
    if (!stale) return "busy"; // released or replaced between the link and this read
    if (!this.isGone(stale)) return "none";
    const marker = `${this.path}.takeover-${stale.token}`;
    try {
      const fd = this.fs.openSync(marker, "wx");
      this.fs.closeSync(fd);
    } catch (cause) {
      if (errorCode(cause) !== "EEXIST") throw writeError(marker, cause);
      this.checkMarker(marker);
      return "busy";
    }
    try {
      // Only the marker's creator gets here for this stale token; the lock may have moved on since it was read.
      if (this.read()?.token !== stale.token) return "busy";
      const replacement = `${temp}.takeover`;
      try {
        this.fs.linkSync(temp, replacement);
        this.fs.renameSync(replacement, this.path);
      } catch (cause) {
        this.unlinkQuietly(replacement);
        throw writeError(this.path, cause);
      }
      return this.read()?.token === token ? "taken" : "busy";
    } finally {
      this.unlinkQuietly(marker);
    }
  }

  private checkMarker(marker: string): void {
    let age: number;
    try {
      age = Date.now() - this.fs.statSync(marker).mtimeMs;
    } catch {
      return; // finished meanwhile
    }
    if (age > MARKER_STALE_MS) {
      throw new StateError(`a takeover of the stale state lock was interrupted and left ${marker}: remove it once no push runs on this state (rm ${marker})`);
    }
  }

  private held(token: string): HeldLock {
    const heartbeat = setInterval(() => {
      try {
        if (this.read()?.token === token) this.fs.utimesSync(this.path, new Date(), new Date());
      } catch {
        // the next commit's check reports a lost lock
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    return {
      token,
      stillHeld: () => this.read()?.token === token,
      release: () => {
        clearInterval(heartbeat);
        if (this.read()?.token === token) this.unlinkQuietly(this.path);
      },
    };
  }

  private unlinkQuietly(path: string): void {
    try {
      this.fs.unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
