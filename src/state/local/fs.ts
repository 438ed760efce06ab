/**
 * The file-system calls the local backend makes, as an interface it takes, so that tests can inject a full disk
 * (a write cut short with ENOSPC), a failing fsync or rename, or a read-only folder without root or a mount.
 */
import * as fs from "node:fs";

export interface StateFs {
  readFileSync(path: string): Buffer;
  openSync(path: string, flags: string | number, mode?: number): number;
  /** Positional write; may write fewer bytes than asked (the caller loops). */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fsyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  closeSync(fd: number): void;
  statSync(path: string): { size: number; mtimeMs: number; ino: number };
  renameSync(from: string, to: string): void;
  linkSync(existing: string, newPath: string): void;
  unlinkSync(path: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  utimesSync(path: string, atime: Date, mtime: Date): void;
}

export const nodeFs: StateFs = {
  readFileSync: (path) => fs.readFileSync(path),
  openSync: (path, flags, mode) => fs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, length, position),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  closeSync: (fd) => fs.closeSync(fd),
  statSync: (path) => fs.statSync(path),
  renameSync: (from, to) => fs.renameSync(from, to),
  linkSync: (existing, newPath) => fs.linkSync(existing, newPath),
  unlinkSync: (path) => fs.unlinkSync(path),
  mkdirSync: (path, options) => fs.mkdirSync(path, options),
  utimesSync: (path, atime, mtime) => fs.utimesSync(path, atime, mtime),
};

export const errorCode = (cause: unknown): string | undefined => (cause as NodeJS.ErrnoException | undefined)?.code;
