/**
 * Writes that either complete and reach the disk or fail loudly: every write checked for its length (a full disk
 * cuts a write short), every file fsync'd, and the folder fsync'd after a file appears in it or is renamed.
 */
import { constants } from "node:fs";
import { basename, dirname } from "node:path";
import { StateWriteError } from "../backend.js";
import { errorCode, type StateFs } from "./fs.js";

/** Writes all of `bytes` at `position`, looping over short writes; a write of nothing is a full disk. */
export function writeAll(fs: StateFs, fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) {
    const n = fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
    if (n <= 0) throw Object.assign(new Error(`ENOSPC: wrote ${done} of ${bytes.length} bytes`), { code: "ENOSPC" });
    done += n;
  }
}

export function fsyncDir(fs: StateFs, dir: string): void {
  const fd = fs.openSync(dir, constants.O_RDONLY);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function unlinkQuietly(fs: StateFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // gone already, or the folder refuses: the caller reports the first failure, not this one
  }
}

/** A new file at `path` with `bytes`, written and fsync'd (not yet linked anywhere else). */
export function writeNewFile(fs: StateFs, path: string, bytes: Uint8Array): void {
  const fd = fs.openSync(path, "w");
  try {
    writeAll(fs, fd, bytes, 0);
    fs.fsyncSync(fd);
  } catch (cause) {
    fs.closeSync(fd);
    unlinkQuietly(fs, path);
    throw cause;
  }
  fs.closeSync(fd);
}

/**
 * Replaces `path` with `bytes` so that a crash or a failure at any step leaves either the old file or the new
 * one, whole: a temp file written and fsync'd, the old file kept as `backup` (a hard link: no copy), a rename,
 * then the folder fsync'd so the rename itself is durable. Throws `StateWriteError` naming the file.
 */
export function replaceDurably(fs: StateFs, path: string, bytes: Uint8Array, backup: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeNewFile(fs, temp, bytes);
    unlinkQuietly(fs, backup);
    try {
      fs.linkSync(path, backup);
    } catch (cause) {
      if (errorCode(cause) !== "ENOENT") throw cause;
    }
    fs.renameSync(temp, path);
    fsyncDir(fs, dirname(path));
  } catch (cause) {
    unlinkQuietly(fs, temp);
    throw writeError(path, cause);
  }
}

const HINTS: Record<string, string> = {
  ENOSPC: "the disk is full: free some space",
  EDQUOT: "the disk quota is used up: free some space",
  EROFS: "the file system is read-only",
  EACCES: "permission denied: the folder or file is not writable by this user",
  EPERM: "permission denied: the folder or file is not writable by this user",
  EIO: "the disk reported an I/O error",
};

/** `cause` (a failed file-system call on `file`) as the state error users see. */
export function writeError(file: string, cause: unknown): StateWriteError {
  if (cause instanceof StateWriteError) return cause;
  const code = errorCode(cause);
  const hint = (code && HINTS[code]) ?? (cause instanceof Error ? cause.message : String(cause));
  return new StateWriteError(file, code, `cannot write ${basename(file)} (${file}): ${code ?? "error"}: ${hint}`);
}
