import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { RemoteTask } from "../../src/model/remote.js";
import type { StateSnapshot } from "../../src/model/state.js";
import { createProviders } from "../../src/providers/registry.js";
import { runPush, tempProject } from "../support/cli.js";

export const APPS_RC = {
  shop: { provider: "emas", appKey: 233586006 },
  wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" },
};

/** Every task the providers list for the two apps of APPS_RC whose time falls between `from` and `to`. */
export async function listedTasks(providers: ReturnType<typeof createProviders>, from: string, to: string): Promise<RemoteTask[]> {
  const emas = await providers.emas.listScheduled({ appRef: { provider: "emas", appKey: APPS_RC.shop.appKey }, from, to });
  const mpaas = await providers.mpaas.listScheduled({
    appRef: { provider: "mpaas", appId: APPS_RC.wallet.appId, workspaceId: APPS_RC.wallet.workspaceId },
    from,
    to,
  });
  return [...emas.tasks, ...mpaas.tasks];
}

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A standalone emulator on a pinned clock that a test can move, closed after the test. */
export async function emulatorAt(iso: string) {
  let now = Date.parse(iso);
  const emulator: RunningEmulator = await startEmulator({ clock: () => now });
  cleanups.push(() => emulator.close());
  const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
  return { emulator, providers, setNow: (at: string) => void (now = Date.parse(at)) };
}

/**
 * A project whose `push` runs in-process at a pinned clock, against the embedded emulator or `endpoint`, with
 * the given key pair in its environment.
 */
export function planProject(files: Record<string, string>, options: { endpoint?: string; env?: Record<string, string> } = {}) {
  const rc = JSON.stringify({ apps: APPS_RC, endpoint: options.endpoint ?? "local" });
  const p = tempProject({ ".pushrc.json": rc, "package.json": "{}", ...files });
  cleanups.push(p.cleanup);
  let env: Record<string, string> = options.env ?? {};
  return {
    root: p.root,
    push: (now: string, ...args: string[]) => withCredentials(env, () => runPush([...args, "--now", now], { cwd: p.root, env })),
    setEnv: (next: Record<string, string>) => void (env = next),
    write: (name: string, text: string) => writeFileSync(join(p.root, name), text),
    remove: (name: string) => rmSync(join(p.root, name)),
    read: (name: string) => readFileSync(join(p.root, name), "utf8"),
    state: () => JSON.parse(readFileSync(join(p.root, ".push/state.json"), "utf8")) as StateSnapshot,
  };
}

const CREDENTIALS = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"] as const;

/**
 * Runs `fn` with the key pair of `env` in process.env: the default credential chain, which reaches a URL
 * endpoint, reads the process's environment, not the injected one.
 */
async function withCredentials<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = CREDENTIALS.map((name) => process.env[name]);
  for (const name of CREDENTIALS) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  try {
    return await fn();
  } finally {
    CREDENTIALS.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
  }
}

/** The key pair a standalone emulator accepts, as environment variables. */
export const keys = (emulator: RunningEmulator, secret = emulator.credentials.accessKeySecret) => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret,
});

export const emasAt = (id: string, at: string, extra = "") =>
  `id: ${id}\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: T, body: B}\nschedule: {at: "${at}"}\n${extra}`;
export const mpaasAt = (id: string, at: string, extra = "") =>
  `id: ${id}\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: T, body: B}\nschedule: {at: "${at}"}\n${extra}`;
