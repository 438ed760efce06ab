/** The emulator's state: plain JSON, persisted atomically (temp file + rename), writes coalesced. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

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
function readStore(file: string): StoreData | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
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
  const shaped = store !== null && typeof store === "object" && store.version === 1 && typeof store.nextMessageId === "string" && Array.isArray(store.emas) && Array.isArray(store.mpaas) && typeof store.tokens === "object" && typeof store.msgkeys === "object";
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

  constructor(private readonly file: string | null) {
    this.data = { version: 1, nextMessageId: "11747540331280012", emas: [], tokens: {}, mpaas: [], msgkeys: {} };
    if (file) {
      const read = readStore(file);
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
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.data));
      renameSync(temp, this.file);
      this.writeFailed = false;
    } catch (e) {
      this.writeFailed = true;
      throw new Error(`the emulator cannot write ${this.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
