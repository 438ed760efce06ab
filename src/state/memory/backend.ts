import { randomUUID } from "node:crypto";
import { emptySnapshot, type StateChange, type StateSnapshot } from "../../model/state.js";
import { LockHeldError, StaleStateError, type LockInfo, type LockOptions, type StateBackend, type Unlock } from "../backend.js";
import { applyChange } from "../change.js";

/** The in-memory fake: same contract as the real backends (it runs the same conformance suite). */
export class MemoryBackend implements StateBackend {
  readonly kind = "memory";
  private snapshot: StateSnapshot;
  private holder: LockInfo | null = null;
  private waiters: Array<() => void> = [];

  constructor(initial?: StateSnapshot) {
    this.snapshot = structuredClone(initial ?? emptySnapshot(randomUUID()));
  }

  async read(): Promise<StateSnapshot> {
    return structuredClone(this.snapshot);
  }

  async commit(change: StateChange, expectedSerial?: number): Promise<number> {
    if (expectedSerial !== undefined && expectedSerial !== this.snapshot.serial) {
      throw new StaleStateError(expectedSerial, this.snapshot.serial);
    }
    this.snapshot = applyChange(this.snapshot, structuredClone(change));
    return this.snapshot.serial;
  }

  async restore(snapshot: StateSnapshot, expectedSerial: number): Promise<void> {
    if (expectedSerial !== this.snapshot.serial) throw new StaleStateError(expectedSerial, this.snapshot.serial);
    this.snapshot = structuredClone(snapshot);
  }

  async lock(info: LockInfo, options: LockOptions): Promise<Unlock> {
    const deadline = Date.now() + options.waitMs;
    while (this.holder) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new LockHeldError(this.holder, "memory");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.holder = info;
    return async () => {
      this.holder = null;
      this.waiters.shift()?.();
    };
  }

  async close(): Promise<void> {}
}
