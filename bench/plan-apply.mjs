#!/usr/bin/env node
// Plan and apply benchmark (issue 5). Prints:
//   (a) refresh + plan of 10,000 tasks with 10,000 recorded: wall time and provider calls;
//   (b) apply of 1,000 creates at a configured 200 requests/s against the emulator: wall time against the 5 s floor.
// Usage: npm run build && node bench/plan-apply.mjs
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apply } from "../dist/apply/apply.js";
import { compileProject } from "../dist/compile/index.js";
import { startEmulator } from "../dist/emulator/index.js";
import { makePlan } from "../dist/plan/make.js";
import { createProviders } from "../dist/providers/registry.js";
import { refresh } from "../dist/refresh/refresh.js";
import { LocalBackend } from "../dist/state/local/backend.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const apps = { shop: { name: "shop", provider: "emas", appKeys: { all: 233586006 } } };
const retry = { attempts: 6, baseMs: 50, maxMs: 1000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random };
const compile = (n, prefix) =>
  compileProject(
    Array.from({ length: n }, (_, i) => ({
      campaign: {
        id: `${prefix}-${i}`,
        app: "shop",
        target: { devices: ["d"] },
        notification: { title: `T${i}`, body: "B" },
        schedule: { at: `2026-06-0${2 + (i % 5)}T10:00:00Z` },
      },
      source: { file: "bench.yaml", document: i, line: 1 },
    })),
    { apps, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
  ).tasks;

const dir = mkdtempSync(join(tmpdir(), "push-bench-"));
const emulator = await startEmulator({ clock: () => NOW });
const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
try {
  // (b) apply 1,000 creates at 200 requests/s, one PushV2 each (MassPushV2 off, so every create is a request),
  // then the same with MassPushV2 batching (10 requests).
  const applyRun = async (name, registry) => {
    const backend = new LocalBackend(join(dir, `${name}.json`));
    const tasks = compile(1000, name);
    const snapshot = await backend.read();
    const plan = makePlan({
      tasks,
      deferred: [],
      campaigns: [],
      apps,
      snapshot,
      refresh: { observed: {}, drift: [], unmanaged: [], scheduled: [], calls: 0, diagnostics: [] },
      now: NOW,
      environment: { name: null, endpoint: "local", region: "cn-hangzhou" },
      locate: (d) => d,
    });
    const t0 = performance.now();
    const result = await apply({
      plan,
      backend,
      providers: registry,
      now: () => NOW,
      ticks: () => performance.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      random: Math.random,
      rateLimit: 200,
      identity: { actor: "bench", commit: null },
    });
    if (result.failed.length || result.refused.length) throw new Error(`apply failed: ${JSON.stringify([...result.refused, ...result.failed.slice(0, 3)])}`);
    return { seconds: (performance.now() - t0) / 1000, backend, tasks };
  };
  const perRequest = await applyRun("apply", {
    ...providers,
    emas: {
      name: "emas",
      submit: (r) => providers.emas.submit(r),
      cancel: (r) => providers.emas.cancel(r),
      listScheduled: (r) => providers.emas.listScheduled(r),
    },
  });
  const batched = await applyRun("batched", providers);
  const { backend, tasks } = perRequest;
  const applySeconds = perRequest.seconds;

  // (a) 10,000 recorded tasks (the 1,000 applied plus 9,000 more), then refresh + plan of 10,000 desired ones.
  const more = compile(9000, "plan");
  const records = [];
  for (const task of more) {
    const { remoteId } = await providers.emas.submit({ task });
    records.push({
      key: task.key,
      campaign: task.campaign,
      provider: "emas",
      app: "shop",
      appRef: { provider: "emas", appKey: 233586006 },
      remoteId,
      hash: task.hash,
      sendAt: task.sendAt,
      status: "scheduled",
      request: task.request,
      origin: "push",
      createdAt: "",
      updatedAt: "",
    });
  }
  await backend.commit({ upsert: records });
  const t1 = performance.now();
  const state = await backend.read();
  const observed = await refresh({ snapshot: state, providers, now: NOW, apps, retry });
  const desired = [...tasks, ...more];
  const planned = makePlan({
    tasks: desired,
    deferred: [],
    campaigns: [],
    apps,
    snapshot: state,
    refresh: observed,
    now: NOW,
    environment: { name: null, endpoint: "local", region: "cn-hangzhou" },
    locate: (d) => d,
  });
  const planSeconds = (performance.now() - t1) / 1000;
  console.log(
    `plan: ${desired.length} tasks, ${Object.keys(state.tasks).length} recorded: ${planSeconds.toFixed(2)} s, ${observed.calls} refresh calls, ${planned.operations.length} operations, ${planned.unchanged.length} unchanged`,
  );
  console.log(
    `apply: 1000 creates at 200 requests/s, one request each: ${applySeconds.toFixed(2)} s (floor 5.00 s, ${(applySeconds / 5).toFixed(2)}x, target <= 1.15x)`,
  );
  console.log(`apply: 1000 creates at 200 requests/s, MassPushV2 batches of 100: ${batched.seconds.toFixed(2)} s (10 requests)`);
} finally {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
}
