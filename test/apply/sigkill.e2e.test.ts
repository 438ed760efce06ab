import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { createProviders } from "../../src/providers/registry.js";
import { resources, spawnPush } from "../support/bin.js";
import { tempProject } from "../support/cli.js";

const { emulators: running, cleanups } = resources();
const apply = async (cwd: string, env: Record<string, string>, killAfterMs?: number) =>
  (await spawnPush(cwd, env, ["apply", "--auto-approve", "--now", "2026-06-01T00:00:00Z"], killAfterMs)).code;

describe("apply killed with SIGKILL, then rerun", () => {
  it("leaves the provider holding every task exactly once, whatever step the kill hit", async () => {
    const emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z"), faults: { latencyMs: 40 } });
    running.push(emulator);
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret };
    const campaigns = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `campaigns/c${i}.yaml`,
        i % 2
          ? `id: c${i}\napp: shop\ntarget: {devices: [d]}\nnotification: {title: T${i}, body: B}\nschedule: {at: 2026-06-03T10:00:00Z}\n`
          : `id: c${i}\napp: wallet\ntarget: {users: [u]}\nnotification: {title: T${i}, body: B}\nschedule: {at: 2026-06-03T10:00:00Z}\n`,
      ]),
    );
    const project = tempProject({
      ".pushrc.json": JSON.stringify({
        apps: { shop: { provider: "emas", appKey: 1 }, wallet: { provider: "mpaas", appId: "A", workspaceId: "w" } },
        endpoint: emulator.url,
      }),
      "package.json": "{}",
      ...campaigns,
    });
    cleanups.push(project.cleanup);
    const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
    const window = { from: "2026-06-01T00:00:00Z", to: "2026-06-05T00:00:00Z" };
    // Kill at staggered moments of the run (start-up, mid-way, near the end), then rerun until it converges.
    // Kills at staggered moments (on this machine: during start-up, part way through the sends, near the end).
    for (const killAfter of [450, 650, 850, 1050]) await apply(project.root, env, killAfter);
    let code: number | null = 1;
    for (let round = 0; round < 3 && code !== 0; round++) code = await apply(project.root, env);
    expect(code).toBe(0);
    const emas = (await providers.emas.listScheduled({ appRef: { provider: "emas", appKey: 1 }, ...window })).tasks;
    const mpaas = (await providers.mpaas.listScheduled({ appRef: { provider: "mpaas", appId: "A", workspaceId: "w" }, ...window })).tasks;
    expect(emas.map((t) => t.title).sort()).toEqual(["T1", "T11", "T3", "T5", "T7", "T9"]);
    expect(mpaas.map((t) => t.title).sort()).toEqual(["T0", "T10", "T2", "T4", "T6", "T8"]);
  });
});
