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
  const emulator = await startEmulator({
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
  const key = credentials === LOCAL_CREDENTIALS ? `${credentials.accessKeyId} / ${credentials.accessKeySecret} (the local pair)` : `${credentials.accessKeyId} (from ALIBABA_CLOUD_ACCESS_KEY_ID)`;
  io.stdout.write(`push emulator listening on ${emulator.url}\naccess key: ${key}\n`);
  await stop;
  await emulator.close();
  io.stdout.write("push emulator stopped\n");
  return 0;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
