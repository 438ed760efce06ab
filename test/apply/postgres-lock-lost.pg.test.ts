import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { apply } from "../../src/apply/apply.js";
import { progressLine } from "../../src/render/apply/progress.js";
import { compileProject } from "../../src/compile/index.js";
import { startEmulator } from "../../src/emulator/index.js";
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

(url ? describe : describe.skip)("an apply whose postgres lock connection is killed", () => {
  it("stops sending, says the lock is gone, and leaves the state recording every task the provider holds", async () => {
    const emulator = await startEmulator({ clock: () => NOW });
    closers.push(() => emulator.close());
    const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
    const backend = new PostgresBackend({ url, schema: `t_${randomBytes(6).toString("hex")}` });
    closers.push(() => backend.close());
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    closers.push(() => admin.end());
    const { tasks } = compileProject(
      Array.from({ length: 6 }, (_, i) => ({
        campaign: {
          id: `m${i}`,
          app: "wallet",
          target: { users: ["u"] },
          notification: { title: `T${i}`, body: "B" },
          schedule: { at: "2026-06-03T10:00:00Z" },
        },
        source: { file: "c.yaml", document: i, line: 1 },
      })),
      { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
    );
    const plan = makePlan({
      tasks,
      deferred: [],
      campaigns: [],
      apps: APPS,
      snapshot: await backend.read(),
      refresh: NOTHING_LISTED,
      now: NOW,
      environment: LOCAL,
      locate: (d) => d,
    });
    let firstDone: () => void = () => undefined;
    const oneDone = new Promise<void>((resolve) => (firstDone = resolve));
    const progress: string[] = [];
    const running = apply({
      plan,
      backend,
      providers,
      now: () => NOW,
      ticks: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      random: Math.random,
      // Four calls a second: the kill lands while apply waits for its next slot.
      rateLimit: 4,
      identity: { actor: "ci", commit: null },
      progress: (event) => {
        progress.push(progressLine(event));
        if (event.kind === "done") firstDone();
      },
    });
    await oneDone;
    const killed = await admin.query<{ pid: number }>("SELECT pg_terminate_backend(pid), pid FROM pg_locks WHERE locktype = 'advisory' AND granted");
    expect(killed.rows).toHaveLength(1);
    const result = await running;

    expect(result.stopped?.reason).toMatch(
      /^the connection holding the state lock on postgres postgres:\/\/.* broke \(.*terminat.*\): the server released the lock, so nothing more is written$/,
    );
    const listed = (
      await providers.mpaas.listScheduled({
        appRef: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" },
        from: "2026-06-01T00:00:00Z",
        to: "2026-06-05T00:00:00Z",
      })
    ).tasks;
    expect(listed.length).toBe(result.done.length + result.stopped!.unrecorded.length);
    expect(listed.length).toBeLessThan(6);
    // Each task the provider holds is in state: recorded as scheduled, or journaled as pending for the next plan.
    const state = await backend.read();
    const recorded = Object.values(state.tasks);
    for (const t of listed)
      expect(
        recorded.some((r) => r.remoteId === t.remoteId) ||
          result.stopped!.unrecorded.some((u) => u.remoteId === t.remoteId && state.tasks[u.key]?.status === "pending"),
      ).toBe(true);
    expect(progress.at(-1)).toMatch(/^STOPPED: the connection holding the state lock/);
  });
});
