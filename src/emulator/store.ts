/**
 * The emulator's state: plain JSON, persisted atomically and durably (temp file written in full and fsync'd, renamed
 * over the store, the folder fsync'd), writes coalesced. A write that fails leaves the previous store as it was.
 */
import * as nodeFs from "node:fs";
import { dirname } from "node:path";

/** The file-system calls a store write makes: node:fs, or a layer that injects faults (a full disk) in tests. */
export type StoreFs = Pick<typeof nodeFs, "mkdirSync" | "openSync" | "writeSync" | "fsyncSync" | "closeSync" | "renameSync" | "unlinkSync" | "readFileSync">;

export interface EmasRecord {
  messageId: string;
  appKey: string;
  action: string;
  /** Epoch ms of the send; null for a stored continuous message. */
  pushTime: number | null;
  cancelled: boolean;
  title: string;
  body: string;
  target: string;
  /** How many ids the Target.Value named (0 for TAG/ALL). */
  targets: number;
  deviceType: string;
  pushType: "NOTICE" | "MESSAGE";
  createdAt: number;
}

export interface MpaasLoop {
  startTime: number;
  endTime: number;
  circleType: 1 | 2 | 3;
  circleValue?: number[];
  time: string;
}

export interface MpaasRecord {
  id: string;
  appId: string;
  workspaceId: string;
  strategyType: 0 | 1 | 2;
  fixedTime?: number;
  loop?: MpaasLoop;
  /** Runs cancelled (a loop cancelled part way keeps its executed runs). */
  cancelledAt: number | null;
  title: string;
  content: string;
  deliveryType: number;
  createdAt: number;
}

export interface StoreData {
  version: 1;
  nextMessageId: string;
  emas: EmasRecord[];
  /** `Action AppKey IdempotentToken` -> first successful result, for the 15 minutes a token holds. */
  tokens: Record<string, { result: string; at: number }>;
  mpaas: MpaasRecord[];
  /** `appId/workspaceId` -> message keys used. */
  msgkeys: Record<string, string[]>;
}

/** A data file that is not an emulator store: never overwritten (it may be someone's file, or tasks to keep). */
export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is not an emulator store (${reason}): it is left as it is; move it away, or give --data another file`);
  }
}

/** The store in `file`; null when there is no file yet. */
function readStore(file: string, fs: StoreFs): StoreData | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (cause) {
    // Nothing there yet (a folder on the way may be a file: the first write reports that).
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new StoreFileError(file, (cause as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new StoreFileError(file, `not JSON: ${(cause as Error).message}`);
  }
  const store = data as Partial<StoreData> | null;
  const shaped =
    store !== null &&
    typeof store === "object" &&
    store.version === 1 &&
    typeof store.nextMessageId === "string" &&
    Array.isArray(store.emas) &&
    Array.isArray(store.mpaas) &&
    typeof store.tokens === "object" &&
    typeof store.msgkeys === "object";
  if (!shaped) throw new StoreFileError(file, "not the emulator's version 1 layout");
  return store as StoreData;
}

export class Store {
  data: StoreData;
  private timer: NodeJS.Timeout | null = null;
  /** A coalesced write failed: a timer has nobody to throw to, so the next request retries it and reports it. */
  private writeFailed = false;
  /** Message keys per app, as sets (the JSON file keeps arrays). */
  private readonly msgkeys = new Map<string, Set<string>>();

  constructor(
    private readonly file: string | null,
    private readonly fs: StoreFs = nodeFs,
  ) {
    this.data = { version: 1, nextMessageId: "11747540331280012", emas: [], tokens: {}, mpaas: [], msgkeys: {} };
    if (file) {
      const read = readStore(file, fs);
      if (read) this.data = read;
    }
    for (const [scope, keys] of Object.entries(this.data.msgkeys)) this.msgkeys.set(scope, new Set(keys));
  }

  hasMsgkey(scope: string, key: string): boolean {
    return this.msgkeys.get(scope)?.has(key) ?? false;
  }

  addMsgkeys(scope: string, keys: string[]): void {
    const set = this.msgkeys.get(scope) ?? new Set<string>();
    for (const key of keys) set.add(key);
    this.msgkeys.set(scope, set);
  }

  nextMessageId(): string {
    const id = this.data.nextMessageId;
    this.data.nextMessageId = (BigInt(id) + 1n).toString();
    return id;
  }

  /** Coalesces writes: one atomic write per burst of changes. */
  changed(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch {
        // writeFailed is set: the next request retries the write and reports the error
      }
    }, 20);
  }

  /** Retries a write that failed; throws if it fails again. */
  checkWritable(): void {
    if (this.writeFailed) this.flush();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.file) return;
    this.data.msgkeys = Object.fromEntries([...this.msgkeys].map(([scope, keys]) => [scope, [...keys]]));
    try {
      writeDurably(this.fs, this.file, Buffer.from(JSON.stringify(this.data), "utf8"));
      this.writeFailed = false;
    } catch (e) {
      this.writeFailed = true;
      throw new Error(`the emulator cannot write ${this.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * Replaces `file` with `bytes` so that a crash or a full disk at any point leaves either the old file or the new
 * one, whole: every byte written (a short write is continued, none is ignored), the temp file fsync'd before the
 * rename, the folder fsync'd after it so the rename itself survives a power loss.
 */
function writeDurably(fs: StoreFs, file: string, bytes: Buffer): void {
  const folder = dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, "w");
  try {
    try {
      for (let at = 0; at < bytes.length; ) {
        const written = fs.writeSync(fd, bytes, at, bytes.length - at);
        if (written <= 0) throw new Error(`short write: ${at} of ${bytes.length} bytes written`);
        at += written;
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (e) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already renamed, or never created
    }
    throw e;
  }
  const dir = fs.openSync(folder, "r");
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
