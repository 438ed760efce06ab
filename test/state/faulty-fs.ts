/**
 * A test double of the local backend's file-system layer: the real file system, with the faults a full disk, a
 * failing disk or a read-only folder cause, injected without root or a mount.
 */
import { constants } from "node:fs";
import { nodeFs, type StateFs } from "../../src/state/local/fs.js";

export interface Faults {
  /** Bytes that writes may still put on disk; the write that goes past writes what fits, then fails ENOSPC. */
  spaceLeft?: number;
  /** fsync of a file whose path matches fails with EIO. */
  failFsync?: (path: string) => boolean;
  /** A rename to a path that matches fails with EIO. */
  failRename?: (to: string) => boolean;
  /** Every call that would change the folder or a file fails with EROFS. */
  readOnly?: boolean;
}

const fail = (code: string, call: string, path: string) =>
  Object.assign(new Error(`${code}: injected, ${call} '${path}'`), { code, errno: -1, syscall: call, path });

export function faultyFs(faults: Faults): StateFs & { faults: Faults; writes: string[] } {
  const paths = new Map<number, string>();
  const writes: string[] = [];
  const guard = (call: string, path: string) => {
    if (faults.readOnly) throw fail("EROFS", call, path);
    writes.push(`${call} ${path}`);
  };
  return {
    faults,
    writes,
    ...nodeFs,
    openSync(path, flags, mode) {
      const writing = typeof flags === "number" ? (flags & (constants.O_WRONLY | constants.O_RDWR | constants.O_CREAT)) !== 0 : flags !== "r";
      if (writing) guard("open", path);
      const fd = nodeFs.openSync(path, flags, mode);
      paths.set(fd, path);
      return fd;
    },
    writeSync(fd, buffer, offset, length, position) {
      guard("write", paths.get(fd) ?? String(fd));
      if (faults.spaceLeft !== undefined) {
        if (faults.spaceLeft <= 0) throw fail("ENOSPC", "write", paths.get(fd) ?? String(fd));
        const n = nodeFs.writeSync(fd, buffer, offset, Math.min(length, faults.spaceLeft), position);
        faults.spaceLeft -= n;
        return n;
      }
      return nodeFs.writeSync(fd, buffer, offset, length, position);
    },
    fsyncSync(fd) {
      const path = paths.get(fd) ?? String(fd);
      if (faults.failFsync?.(path)) throw fail("EIO", "fsync", path);
      nodeFs.fsyncSync(fd);
    },
    ftruncateSync(fd, length) {
      guard("ftruncate", paths.get(fd) ?? String(fd));
      nodeFs.ftruncateSync(fd, length);
    },
    closeSync(fd) {
      paths.delete(fd);
      nodeFs.closeSync(fd);
    },
    renameSync(from, to) {
      guard("rename", to);
      if (faults.failRename?.(to)) throw fail("EIO", "rename", to);
      nodeFs.renameSync(from, to);
    },
    linkSync(existing, newPath) {
      guard("link", newPath);
      nodeFs.linkSync(existing, newPath);
    },
    unlinkSync(path) {
      guard("unlink", path);
      nodeFs.unlinkSync(path);
    },
    mkdirSync(path, options) {
      if (faults.readOnly) {
        // mkdir -p of a folder that exists changes nothing
        try {
          nodeFs.statSync(path);
          return undefined;
        } catch {
          throw fail("EROFS", "mkdir", path);
        }
      }
      return nodeFs.mkdirSync(path, options);
    },
    utimesSync(path, atime, mtime) {
      guard("utimes", path);
      nodeFs.utimesSync(path, atime, mtime);
    },
  };
}
