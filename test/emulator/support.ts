import { afterEach, expect } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator/index.js";
import { ProviderError } from "../../src/providers/errors.js";
import { OpenApiCaller } from "../../src/providers/openapi.js";

// The real OpenAPI runtime, signing with V3, against the emulator over HTTP; emulators close after each test.
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

export async function start(now: { t: number }, extra: EmulatorOptions = {}) {
  const emulator = await startEmulator({ clock: () => now.t, ...extra });
  running.push(emulator);
  const caller = (provider: "emas" | "mpaas" = "emas", secret = emulator.credentials.accessKeySecret) =>
    new OpenApiCaller(provider, {
      endpoint: emulator.endpoint,
      protocol: "http",
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: secret },
    });
  const emas = caller("emas");
  const mpaas = caller("mpaas");
  return {
    emulator,
    caller,
    emas: (action: string, query: Record<string, string>) => emas.call(action, "2016-08-01", { query }),
    mpaas: (action: string, body: Record<string, string>) => mpaas.call(action, "2020-10-28", { body }),
  };
}

/** Closes an emulator the test stops itself (to restart it on the same data file). */
export async function stop(emulator: RunningEmulator): Promise<void> {
  running.splice(running.indexOf(emulator), 1);
  await emulator.close();
}

export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
