import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { apply } from "../../src/apply/apply.js";
import { compileProject } from "../../src/compile/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { emptySnapshot } from "../../src/model/state.js";
import { makePlan } from "../../src/plan/make.js";
import { createProviders } from "../../src/providers/registry.js";
import { PostgresBackend } from "../../src/state/postgres/backend.js";
import { APPS } from "../compile/support.js";
import { LOCAL, NOTHING_LISTED } from "../plan/support.js";

const url = inject("pgUrl");
const NOW = Date.parse("2026-06-01T00:00:00Z");
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe("two applies at once on one postgres state", () => {
  it("send every task exactly once; the other refuses its now stale plan", async () => {
    const emulator = await startEmulator({ clock: () => NOW, faults: { latencyMs: 5 } });
    closers.push(() => emulator.close());
    const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
    const schema = `t_${randomBytes(6).toString("hex")}`;
    const backends = [new PostgresBackend({ url, schema }), new PostgresBackend({ url, schema })];
    for (const b of backends) closers.push(() => b.close());
    const { tasks } = compileProject(
      Array.from({ length: 10 }, (_, i) => ({
        campaign: {
          id: `c${i}`,
          app: "shop",
          target: { devices: ["d"] },
          notification: { title: `T${i}`, body: "B" },
          schedule: { at: "2026-06-03T10:00:00Z" },
        },
        source: { file: "c.yaml", document: i, line: 1 },
      })),
      { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
    );
    const snapshot = await backends[0]!.read();
    expect(snapshot.serial).toBe(emptySnapshot("x").serial);
    const plan = makePlan({
      tasks,
      deferred: [],
      campaigns: [],
      apps: APPS,
      snapshot,
      refresh: NOTHING_LISTED,
      now: NOW,
      environment: LOCAL,
      locate: (d) => d,
    });
    const run = (i: number) =>
      apply({
        plan,
        backend: backends[i]!,
        providers,
        now: () => NOW,
        ticks: () => performance.now(),
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        random: Math.random,
        rateLimit: 1000,
        identity: { actor: `runner-${i}`, commit: null },
        lockWaitMs: 10_000,
      });
    const [a, b] = await Promise.all([run(0), run(1)]);
    const results = [a, b].map((r) => (r.refused.length ? "refused" : `${r.done.length} done`));
    expect(results.sort()).toEqual(["10 done", "refused"]);
    expect([a, b].find((r) => r.refused.length)?.refused[0]).toContain("the state changed since the plan was made");
    const listed = await providers.emas.listScheduled({
      appRef: { provider: "emas", appKey: 233586006 },
      from: "2026-06-01T00:00:00Z",
      to: "2026-06-05T00:00:00Z",
    });
    expect(listed.tasks).toHaveLength(10);
  });
});
