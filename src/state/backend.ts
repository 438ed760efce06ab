import type { StateChange, StateSnapshot } from "../model/state.js";

export interface LockInfo {
  /** Who holds it: `user@host pid N`. */
  owner: string;
  /** What for: `apply`, `state rm`. */
  operation: string;
  /** ISO-8601. */
  acquiredAt: string;
}

export interface LockOptions {
  /** How long to wait for a held lock before failing with `LockHeldError` (0: fail at once). */
  waitMs: number;
}

export type Unlock = () => Promise<void>;

/**
 * Storage and locking for recorded state, the interface every backend implements (local file, postgres, the
 * in-memory fake) and that one conformance suite checks (`test/state/conformance.ts`).
 */
export interface StateBackend {
  readonly kind: string;
  /** The current snapshot; a new empty one (serial 0, fresh lineage) when nothing is stored yet. */
  read(): Promise<StateSnapshot>;
  /**
   * Applies `change` atomically and durably and returns the new serial. With `expectedSerial`, fails with
   * `StaleStateError` when the stored serial differs (compare-and-swap: a holder that lost its lock and another
   * process committed since cannot write). Under a lock this process lost, fails with `LockLostError`.
   */
  commit(change: StateChange, expectedSerial?: number): Promise<number>;
  /**
   * Replaces the whole state with `snapshot`, its lineage, serial, tasks and history as they are (`push state
   * migrate`), when the stored serial is `expectedSerial` (else `StaleStateError`). Under the lock.
   */
  restore(snapshot: StateSnapshot, expectedSerial: number): Promise<void>;
  /** Takes the state lock (exclusive across processes and machines sharing the backend). */
  lock(info: LockInfo, options: LockOptions): Promise<Unlock>;
  close(): Promise<void>;
}

export class StateError extends Error {}

/** A file-system write of the state failed (full disk, read-only folder): what was recorded before it is kept. */
export class StateWriteError extends StateError {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** This process no longer holds the state lock (taken over while it was paused, or its connection was cut). */
export class LockLostError extends StateError {}

export class StaleStateError extends StateError {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`state changed: expected serial ${expected}, found ${actual}`);
  }
}

export class LockHeldError extends StateError {
  constructor(
    readonly holder: LockInfo | null,
    readonly where: string,
  ) {
    super(
      holder
        ? `the state lock at ${where} is held by ${holder.owner} (${holder.operation}, since ${holder.acquiredAt})`
        : `the state lock at ${where} is held by another process`,
    );
  }
}

/** The `state` block of push.config.ts (declared here, where its reader is; config/define.ts re-exports it). */
/**
 * `persisted`: the workflow keeps the local state between runs (a cache, an artifact, a committed file), so an
 * apply in CI may start one; without it, CI refuses to start a new local state (it would be lost with the runner).
 */
export type StateConfig = { backend: "local"; path?: string; persisted?: boolean } | { backend: "postgres"; url?: string; schema?: string };
