import { describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { resources, spawnPush } from "../support/bin.js";
import { tempProject } from "../support/cli.js";

const { emulators: running, cleanups } = resources();
const push = (cwd: string, env: Record<string, string>, ...args: string[]) => spawnPush(cwd, env, args);

describe("two applies at once on one state", () => {
  it("send every task exactly once: the second waits for the lock, then refuses its stale plan or finds nothing to do", async () => {
    const emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z"), faults: { latencyMs: 5 } });
    running.push(emulator);
    const campaigns = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `campaigns/c${i}.yaml`,
        `id: c${i}\napp: shop\ntarget: {devices: [d]}\nnotification: {title: T${i}, body: B}\nschedule: {at: 2026-06-03T10:00:00Z}\n`,
      ]),
    );
    const project = tempProject({
      ".pushrc.json": JSON.stringify({ apps: { shop: { provider: "emas", appKey: 1 } }, endpoint: emulator.url }),
      "package.json": "{}",
      ...campaigns,
    });
    cleanups.push(project.cleanup);
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret };
    const [a, b] = await Promise.all([
      push(project.root, env, "apply", "--auto-approve", "--now", "2026-06-01T00:00:00Z"),
      push(project.root, env, "apply", "--auto-approve", "--now", "2026-06-01T00:00:00Z"),
    ]);
    const outcomes = [a, b].map((r) =>
      r.out.includes("Apply complete: 20 created")
        ? "applied"
        : r.out.includes("state changed since the plan was made")
          ? "refused"
          : r.out.includes("No changes.")
            ? "nothing"
            : r.out,
    );
    expect(
      outcomes.filter((o) => o === "applied"),
      JSON.stringify(outcomes),
    ).toHaveLength(1);
    expect(outcomes.every((o) => o === "applied" || o === "refused" || o === "nothing")).toBe(true);
    const listed = await fetchScheduled(emulator);
    expect(listed).toBe(20);
    const after = await push(project.root, env, "plan", "--detailed-exitcode", "--now", "2026-06-01T00:00:00Z");
    expect(after.code).toBe(0);
  });
});

async function fetchScheduled(emulator: RunningEmulator): Promise<number> {
  const { createProviders } = await import("../../src/providers/registry.js");
  const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
  const listed = await providers.emas.listScheduled({ appRef: { provider: "emas", appKey: 1 }, from: "2026-06-01T00:00:00Z", to: "2026-06-05T00:00:00Z" });
  return listed.tasks.length;
}
