/**
 * The emulator's public surface, used by `push emulator`, the embedded mode (`endpoint: "local"`) and tests.
 * Implemented in `server.ts` (`startEmulator`).
 */
export interface EmulatorCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

/** The fixed local key pair, used when `ALIBABA_CLOUD_ACCESS_KEY_ID`/`_SECRET` are not set (README documents it). */
export const LOCAL_CREDENTIALS: EmulatorCredentials = {
  accessKeyId: "push-local-key",
  accessKeySecret: "push-local-secret",
};

export interface FaultOptions {
  /** Fraction (0..1) of requests answered with throttling (`Throttling.User`). */
  throttleRate?: number;
  /** HTTP status for throttling replies: 400 (EMAS's documented status, default), 429 or 503. */
  throttleStatus?: 400 | 429 | 503;
  /** Fraction of requests answered 500/503 `InternalError`/`ServiceUnavailable` before anything is recorded. */
  serverErrorRate?: number;
  /** Added delay before every reply, in ms. */
  latencyMs?: number;
  /** Fraction of push requests whose task is recorded but whose reply is lost (the connection is destroyed). */
  loseReplyRate?: number;
  /** Source of randomness for the rates (tests pass a seeded one). Default Math.random. */
  random?: () => number;
}

export interface EmulatorOptions {
  /** Default 127.0.0.1. The emulator never binds a non-loopback address. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** JSON file the store persists to (atomic writes); null or absent: memory only. */
  dataFile?: string | null;
  /** Accepted key pair; default: the environment's pair when set, else `LOCAL_CREDENTIALS`. */
  credentials?: EmulatorCredentials;
  /**
   * The service clock (epoch ms) for scheduling rules and execution of due tasks. Signature freshness
   * (`x-acs-date` within 15 minutes) is always checked against the real wall clock.
   */
  clock?: () => number;
  faults?: FaultOptions;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `127.0.0.1:PORT`: the form the OpenAPI runtime's `endpoint` config takes (with `protocol: "http"`). */
  readonly endpoint: string;
  readonly port: number;
  readonly credentials: EmulatorCredentials;
  setFaults(faults: FaultOptions): void;
  /**
   * Task statuses follow the service clock (a scheduled push is sent once the clock passes it; a loop's runs are
   * executed as their times pass), so nothing needs running: `tick()` only writes the store out now.
   */
  tick(): void;
  close(): Promise<void>;
}
