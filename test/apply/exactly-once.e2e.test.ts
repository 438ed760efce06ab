import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apply } from "../../src/apply/apply.js";
import { compileProject } from "../../src/compile/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { StoreData } from "../../src/emulator/store.js";
import type { Campaign } from "../../src/model/campaign.js";
import type { StateChange, StateSnapshot } from "../../src/model/state.js";
import { makePlan } from "../../src/plan/make.js";
import { createProviders } from "../../src/providers/registry.js";
import { refresh } from "../../src/refresh/refresh.js";
import { MemoryBackend } from "../../src/state/memory/backend.js";
import { APPS } from "../compile/support.js";
import { LOCAL } from "../plan/support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const campaigns: Campaign[] = [
  ...Array.from(
    { length: 6 },
    (_, i): Campaign => ({
      id: `emas-${i}`,
      app: "shop",
      target: { devices: ["d"] },
      notification: { title: `emas-${i}`, body: "B" },
      schedule: { at: "2026-06-03T10:00:00Z" },
    }),
  ),
  ...Array.from(
    { length: 3 },
    (_, i): Campaign => ({ id: `now-${i}`, app: "shop", target: { devices: ["d"] }, notification: { title: `now-${i}`, body: "B" } }),
  ),
  ...Array.from(
    { length: 3 },
    (_, i): Campaign => ({
      id: `mpaas-${i}`,
      app: "wallet",
      target: { users: ["u"] },
      notification: { title: `mpaas-${i}`, body: "B" },
      schedule: { at: "2026-06-03T10:00:00Z" },
    }),
  ),
  ...Array.from(
    { length: 2 },
    (_, i): Campaign => ({ id: `mnow-${i}`, app: "wallet", target: { users: ["u"] }, notification: { title: `mnow-${i}`, body: "B" } }),
  ),
  { id: "burst", app: "shop", continuous: true, target: { devices: ["a", "b"] }, notification: { title: "burst", body: "B" } },
];
const { tasks } = compileProject(
  campaigns.map((campaign, i) => ({ campaign, source: { file: "c.yaml", document: i, line: 1 } })),
  { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
);

class CrashingBackend extends MemoryBackend {
  commits = 0;
  constructor(
    private readonly crashAt: number,
    initial?: StateSnapshot,
  ) {
    super(initial);
  }
  override async commit(change: StateChange, expected?: number) {
    if (++this.commits === this.crashAt) throw new Error("crash");
    return super.commit(change, expected);
  }
}

function seeded(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Plans and applies until nothing is left (at most a few rounds), the way reruns after failures converge. */
async function converge(backend: MemoryBackend, providers: ReturnType<typeof createProviders>, desired = tasks, now = NOW, rounds = 6) {
  for (let round = 0; round < rounds; round++) {
    const snapshot = await backend.read();
    const observed = await refresh({
      snapshot,
      providers,
      now,
      apps: APPS,
      retry: { attempts: 10, baseMs: 1, maxMs: 1, sleep: async () => {}, random: seeded(round) },
    });
    const plan = makePlan({
      tasks: desired,
      deferred: [],
      campaigns: [],
      apps: APPS,
      snapshot,
      refresh: observed,
      now,
      environment: LOCAL,
      locate: (d) => d,
    });
    if (plan.operations.length === 0) return round;
    await apply({
      plan,
      backend,
      providers,
      now: () => now,
      ticks: () => performance.now(),
      sleep: async () => {},
      random: seeded(round + 7),
      rateLimit: 1e6,
      identity: { actor: "t", commit: null },
      retry: { attempts: 8, baseMs: 1, maxMs: 1 },
    }).catch(() => undefined);
  }
  throw new Error("did not converge");
}

/** What the provider holds: one entry per push it accepted (a continuous push: its stored message and each batch). */
function held(data: StoreData) {
  const single = data.emas.filter((r) => r.action !== "CREATE_CONTINUOUS_PUSH" && r.action !== "CONTINUOUS_PUSH").map((r) => r.title);
  return {
    titles: [...single, ...data.mpaas.map((r) => r.title)].sort(),
    continuous: data.emas.filter((r) => r.action === "CREATE_CONTINUOUS_PUSH" || r.action === "CONTINUOUS_PUSH").map((r) => r.action),
  };
}

const expected = {
  titles: campaigns
    .filter((c) => !c.continuous)
    .map((c) => c.notification!.title!)
    .sort(),
  continuous: ["CREATE_CONTINUOUS_PUSH", "CONTINUOUS_PUSH"],
};

describe("apply is exactly once", () => {
  it("under lost replies, throttling and server errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "push-once-"));
    try {
      const emulator = await startEmulator({
        clock: () => NOW,
        dataFile: join(dir, "e.json"),
        faults: { loseReplyRate: 0.3, throttleRate: 0.3, serverErrorRate: 0.2, random: seeded(42) },
      });
      const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
      const backend = new MemoryBackend();
      await converge(backend, providers);
      await emulator.close();
      expect(held(JSON.parse(readFileSync(join(dir, "e.json"), "utf8")) as StoreData)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("after a crash at every journal step, a rerun past the 15-minute token window still sends each task once", async () => {
    // The rerun cannot lean on the token: what the crash left unknown is settled from the listing (adopted).
    const LATE = NOW + 20 * 60_000;
    let pendingLeft = 0;
    for (let crashAt = 1; crashAt <= tasks.length * 2 + 1; crashAt += 3) {
      const dir = mkdtempSync(join(tmpdir(), "push-late-"));
      try {
        let clock = NOW;
        const emulator = await startEmulator({ clock: () => clock, dataFile: join(dir, "e.json") });
        const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
        const backend = new CrashingBackend(crashAt);
        // One apply, which the crash interrupts; the rerun comes 20 minutes later.
        await converge(backend, providers, tasks, NOW, 1).catch(() => undefined);
        pendingLeft += Object.values((await backend.read()).tasks).filter((r) => r.status === "pending").length;
        clock = LATE;
        await converge(new MemoryBackend(await backend.read()), providers, tasks, LATE);
        await emulator.close();
        const got = held(JSON.parse(readFileSync(join(dir, "e.json"), "utf8")) as StoreData);
        expect(got.titles, `crash at commit ${crashAt}`).toEqual(expected.titles);
        // The stored content of a continuous push is not listed and may be stored again (no device receives it);
        // its batch, which delivers, is sent once.
        expect(
          got.continuous.filter((a) => a === "CONTINUOUS_PUSH"),
          `crash at commit ${crashAt}`,
        ).toEqual(["CONTINUOUS_PUSH"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    expect(pendingLeft, "crashes that leave creates of unknown outcome").toBeGreaterThan(0);
  });

  it("after a crash at every journal step, a rerun converges with each task sent once", async () => {
    // 14 tasks x 2 journal commits + the history entry.
    for (let crashAt = 1; crashAt <= tasks.length * 2 + 1; crashAt++) {
      const dir = mkdtempSync(join(tmpdir(), "push-crash-"));
      try {
        const emulator = await startEmulator({ clock: () => NOW, dataFile: join(dir, "e.json") });
        const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
        const backend = new CrashingBackend(crashAt);
        await converge(backend, providers);
        await emulator.close();
        expect(held(JSON.parse(readFileSync(join(dir, "e.json"), "utf8")) as StoreData), `crash at commit ${crashAt}`).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

/** The tasks the emulator will still run, by title: each campaign's must be there exactly once. */
function live(data: StoreData, now: number) {
  const emas = data.emas.filter((r) => r.action === "SCHEDULED_PUSH" && !r.cancelled && r.pushTime! > now).map((r) => r.title);
  const mpaas = data.mpaas.filter((r) => r.strategyType !== 0 && r.cancelledAt === null).map((r) => r.title);
  return [...emas, ...mpaas].sort();
}

/**
 * From one starting point (an emulator file and a state), applies `desired` with a crash at every journal step
 * in turn; after each, reruns converge and the emulator runs each scheduled campaign exactly once.
 */
async function crashEverywhere(start: { data: string; state: StateSnapshot }, desired: typeof tasks, expectedLive: string[]) {
  for (let crashAt = 1; crashAt <= desired.length * 3 + 1; crashAt++) {
    const dir = mkdtempSync(join(tmpdir(), "push-crash-"));
    try {
      writeFileSync(join(dir, "e.json"), start.data);
      const emulator = await startEmulator({ clock: () => NOW, dataFile: join(dir, "e.json") });
      const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
      const backend = new CrashingBackend(crashAt, start.state);
      await converge(backend, providers, desired);
      await emulator.close();
      expect(live(JSON.parse(readFileSync(join(dir, "e.json"), "utf8")) as StoreData, NOW), `crash at commit ${crashAt}`).toEqual(expectedLive);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Applies `tasks` on a fresh emulator, then lets `outside` act on the provider; returns that starting point. */
async function startingPoint(outside: (providers: ReturnType<typeof createProviders>, state: StateSnapshot) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), "push-start-"));
  try {
    const emulator = await startEmulator({ clock: () => NOW, dataFile: join(dir, "e.json") });
    const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
    const backend = new MemoryBackend();
    await converge(backend, providers);
    const state = await backend.read();
    await outside(providers, state);
    await emulator.close();
    return { data: readFileSync(join(dir, "e.json"), "utf8"), state };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const scheduledTitles = campaigns.filter((c) => c.schedule).map((c) => c.notification!.title!);

describe("reruns converge and send once", () => {
  it("re-creating tasks cancelled outside push, with a crash at every journal step", async () => {
    const start = await startingPoint(async (providers, state) => {
      for (const record of Object.values(state.tasks))
        if (record.status === "scheduled") await providers[record.provider].cancel({ appRef: record.appRef, remoteId: record.remoteId! });
    });
    await crashEverywhere(start, tasks, scheduledTitles.sort());
  });

  it("replacing changed tasks, with a crash at every journal step (a cancel interrupted included)", async () => {
    const start = await startingPoint(async () => {});
    const changed = compileProject(
      campaigns.map((campaign, i) => ({
        campaign: { ...campaign, notification: { ...campaign.notification!, title: `${campaign.notification!.title}!` } },
        source: { file: "c.yaml", document: i, line: 1 },
      })),
      { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
    ).tasks;
    await crashEverywhere(start, changed, scheduledTitles.map((t) => `${t}!`).sort());
  });
});
