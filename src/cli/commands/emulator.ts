import { defaultCredentials, LOCAL_CREDENTIALS, startEmulator } from "../../emulator/index.js";
import type { CliIO, ExitCode } from "../io.js";

export interface EmulatorCommandOptions {
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
  let emulator;
  try {
    emulator = await startEmulator({
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
  const key = credentials === LOCAL_CREDENTIALS ? `${credentials.accessKeyId} / ${credentials.accessKeySecret} (the local pair)` : `${credentials.accessKeyId} (from ALIBABA_CLOUD_ACCESS_KEY_ID)`;
  io.stdout.write(`push emulator listening on ${emulator.url}\naccess key: ${key}\n`);
  await stop;
  await emulator.close();
  io.stdout.write("push emulator stopped\n");
  return 0;
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
