/**
 * A content-addressed cache of a command's output under `.push/cache/`: a re-run whose inputs are unchanged
 * prints the recorded output instead of compiling again. Inputs: the tool version, the command line, the
 * resolved config and its file, the pinned clock, and every campaign and audience file. Files are checked as
 * git's index does: a file whose size, mtime, ctime and inode match, and whose ctime is safely older than the
 * cache entry, is trusted; any other file is read and its sha256 compared. So the cache is never stale. An unpinned
 * clock is never cached (compile depends on the clock). Files are stamped as the compile reads them.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
  /** ctime changes on every write and cannot be set back (unlike mtime, which tools such as `touch -d` restore). */
  ctimeMs: number;
  ino: number;
  /** Recorded only for a file written within the racy window; an older file is judged by its stat alone. */
  sha256?: string;
}

/** The entry's metadata; stdout is stored raw beside it (`<file>.stdout`), as it can be megabytes of JSON. */
interface Entry {
  version: 1;
  key: string;
  writtenAt: number;
  files: FileStamp[];
  exitCode: number;
  stderr: string;
  /** sha256 of the stdout file, so a torn or edited output is never replayed. */
  stdoutSha256: string;
}

export interface CachedRun {
  exitCode: number;
  /** Megabytes of JSON for a large project: kept as the bytes written, encoded and hashed once. */
  stdout: string | Uint8Array;
  stderr: string;
}

/** A file modified this close to the moment the entry was written may change again within one mtime tick. */
const RACY_MS = 2_000;

/** The walk gives absolute, normalized paths already: resolving 10,000 of them again costs a cached run 5%. */
const absolute = (path: string) => (isAbsolute(path) ? path : resolve(path));

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

let buildId: string | undefined;

/** The content hash of push's own modules under `codeRoot` and of its package.json. */
export function hashToolCode(codeRoot: string): string {
  const hash = createHash("sha256").update(readFileSync(join(codeRoot, "..", "package.json")));
  const modules = readdirSync(codeRoot, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(js|ts)$/.test(f))
    .sort();
  for (const file of modules)
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(join(codeRoot, file)))
      .update("\0");
  return hash.digest("hex");
}

/**
 * The running tool's own code, by content, so that a cache entry made by another build of push (an upgrade, a
 * checkout of another commit, a rebuilt dist/) is never replayed, even where the version number is the same.
 * `npm run build` records it in dist/build-id.txt (hashing dist/ takes about 60 ms: too slow for a cached run);
 * from source (the tests) it is hashed on first use.
 */
export function toolBuildId(): string {
  if (buildId) return buildId;
  const codeRoot = fileURLToPath(new URL("..", import.meta.url));
  try {
    buildId = readFileSync(join(codeRoot, BUILD_ID_FILE), "utf8").trim();
  } catch {
    buildId = hashToolCode(codeRoot);
  }
  return buildId;
}

/** @public read by scripts/build-id.mjs through dist/ */
export const BUILD_ID_FILE = "build-id.txt";

export function cacheKey(parts: unknown[]): string {
  return sha256(JSON.stringify(parts));
}

function unchanged(stamp: FileStamp, writtenAt: number): boolean {
  let stat: Stats | undefined;
  try {
    stat = statSync(stamp.path);
  } catch {
    return false;
  }
  if (stat.size !== stamp.size) return false;
  if (stat.mtimeMs === stamp.mtimeMs && stat.ctimeMs === stamp.ctimeMs && stat.ino === stamp.ino && stat.ctimeMs < writtenAt - RACY_MS) return true;
  if (stamp.sha256 === undefined) return false;
  try {
    return sha256(readFileSync(stamp.path)) === stamp.sha256;
  } catch {
    return false;
  }
}

/** The recorded run for `key` over exactly `files`, if every one of them is unchanged. */
export function readCache(file: string, key: string, files: string[]): CachedRun | null {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(file, "utf8")) as Entry;
  } catch {
    return null;
  }
  if (entry.version !== 1 || entry.key !== key) return null;
  const wanted = new Set(files.map(absolute));
  const recorded = entry.files.filter((f) => wanted.has(f.path));
  // The recorded set also holds audience files, which only a compile discovers: every wanted file must be there.
  if (recorded.length !== wanted.size) return null;
  if (!entry.files.every((stamp) => unchanged(stamp, entry.writtenAt))) return null;
  let stdout: Buffer;
  try {
    stdout = readFileSync(`${file}.stdout`);
  } catch {
    return null;
  }
  if (sha256(stdout) !== entry.stdoutSha256) return null;
  return { exitCode: entry.exitCode, stdout, stderr: entry.stderr };
}

/**
 * The stamp of a file just read as `text`, or streamed and hashed as it was read (null when it is gone). Taken after the read: a write between the read
 * and the stat leaves a ctime inside the racy window, so the text as read is hashed and the next run sees the
 * difference.
 */
export function stampFile(path: string, text: string | { sha256: string }, now: number, read?: Stats): FileStamp | null {
  // `read`: the file's own stat, taken on the descriptor it was read through (after the read), which names the
  // very file read even if another has since been renamed over it.
  const stat = read ?? statSync(path, { throwIfNoEntry: false });
  if (!stat) return null;
  const stamp: FileStamp = { path: absolute(path), size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
  if (stat.ctimeMs >= now - RACY_MS) stamp.sha256 = typeof text === "string" ? sha256(text) : text.sha256;
  return stamp;
}

/**
 * Records a run over the files it read (stamped as read); a file that vanished meanwhile records nothing.
 * Returns the run with its stdout as the bytes recorded, for the caller to print.
 */
export function writeCache(file: string, key: string, stamps: Array<FileStamp | null>, run: CachedRun, now: number): CachedRun {
  const stdout = typeof run.stdout === "string" ? Buffer.from(run.stdout, "utf8") : run.stdout;
  const recorded = { ...run, stdout };
  const byPath = new Map<string, FileStamp>();
  for (const stamp of stamps) {
    if (!stamp) return recorded;
    if (!byPath.has(stamp.path)) byPath.set(stamp.path, stamp);
  }
  const entry: Entry = {
    version: 1,
    key,
    writtenAt: now,
    files: [...byPath.values()],
    exitCode: run.exitCode,
    stderr: run.stderr,
    stdoutSha256: sha256(stdout),
  };
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(`${temp}.stdout`, stdout);
  renameSync(`${temp}.stdout`, `${file}.stdout`);
  writeFileSync(temp, JSON.stringify(entry));
  renameSync(temp, file);
  return recorded;
}
