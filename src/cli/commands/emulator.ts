import { defaultCredentials, LOCAL_CREDENTIALS, startEmulator } from "../../emulator/index.js";
import { resolveClock } from "../clock.js";
import { timestamp } from "../../lib/time/instant.js";
import type { CliIO, ExitCode } from "../io.js";

export interface EmulatorCommandOptions {
  /** The global `--now`: the providers' clock starts at that instant and advances with real time. */
  now?: string;
  port?: number;
  data?: string;
  throttleRate?: number;
  serverErrorRate?: number;
  latencyMs?: number;
  loseReplyRate?: number;
}

/** `push emulator`: the EMAS + mPaaS emulator on loopback until SIGINT/SIGTERM. */
export async function runEmulatorCommand(options: EmulatorCommandOptions, io: CliIO, stop: Promise<void> = signalled()): Promise<ExitCode> {
  const credentials = defaultCredentials(io.env);
  const pinned = resolveClock(options.now, io.env, null);
  if (pinned.diagnostics.length) {
    for (const d of pinned.diagnostics) io.stderr.write(`error[${d.code}]: ${d.message}\n  = hint: ${d.hint ?? ""}\n`);
    return 1;
  }
  const clock = providerClock(pinned);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      clock: clock.now,
      ...(options.port !== undefined ? { port: options.port } : {}),
      dataFile: options.data ?? null,
      credentials,
      faults: {
        ...(options.throttleRate !== undefined ? { throttleRate: options.throttleRate } : {}),
        ...(options.serverErrorRate !== undefined ? { serverErrorRate: options.serverErrorRate } : {}),
        ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
        ...(options.loseReplyRate !== undefined ? { loseReplyRate: options.loseReplyRate } : {}),
      },
    });
  } catch (cause) {
    // A data file that is not a store, a port in use or out of range: the user's to fix, not a crash.
    io.stderr.write(`error: ${startFailure(cause, options.port)}\n`);
    return 1;
  }
  const key =
    credentials === LOCAL_CREDENTIALS
      ? `${credentials.accessKeyId} / ${credentials.accessKeySecret} (the local pair)`
      : `${credentials.accessKeyId} (from ALIBABA_CLOUD_ACCESS_KEY_ID)`;
  io.stdout.write(`push emulator listening on ${emulator.url}\naccess key: ${key}\nclock: ${clock.describe}\n`);
  await stop;
  await emulator.close();
  io.stdout.write("push emulator stopped\n");
  return 0;
}

/**
 * The providers' clock: with `--now` (or PUSH_NOW) it starts at that instant and advances with real time, so a
 * scheduled push falls due and a test can move the providers' time by choosing the instant; else real time.
 */
function providerClock(pinned: ReturnType<typeof resolveClock>): { now: () => number; describe: string } {
  if (!pinned.pinned) return { now: Date.now, describe: "real time" };
  const start = pinned.now();
  const startedAt = Date.now();
  return { now: () => start + (Date.now() - startedAt), describe: `starts at ${timestamp(start)} (pinned by --now or PUSH_NOW) and advances with real time` };
}

function startFailure(cause: unknown, port: number | undefined): string {
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE") return `port ${port} is in use: give another --port, or leave it out for a free one`;
  if (code === "ERR_SOCKET_BAD_PORT") return `--port ${port} is not a port (0 to 65535)`;
  return cause instanceof Error ? cause.message : String(cause);
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
