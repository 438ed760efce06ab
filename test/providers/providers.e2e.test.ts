import { afterEach, describe, expect, it } from "vitest";
import { compileProject } from "../../src/compile/index.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import type { CompiledTask } from "../../src/model/task.js";
import { ProviderError } from "../../src/providers/errors.js";
import { createProviders } from "../../src/providers/registry.js";
import { APPS, loadCampaigns, SEED_NOW } from "../compile/support.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

describe("providers against the emulator", () => {
  it("send every example campaign's tasks, continuous push included, then list and cancel the scheduled ones", async () => {
    const emulator = await startEmulator({ clock: () => SEED_NOW });
    running.push(emulator);
    const providers = createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
    const { tasks } = compileProject(loadCampaigns("campaigns"), { apps: APPS, now: SEED_NOW, defaultTimezone: "Asia/Shanghai", audienceFiles: {} });
    const remote = new Map<string, string | null>();
    // EMAS's 2025 scheduled push is beyond the 7-day window of this clock: compile defers it; the provider refuses it.
    expect(tasks.map((t) => t.key)).not.toContain("event-reminder");
    for (const task of tasks) {
      const continuousMessageId = task.dependsOn ? (remote.get(task.dependsOn) ?? undefined) : undefined;
      const result = await providers[task.provider].submit({ task, ...(continuousMessageId ? { continuousMessageId } : {}) });
      remote.set(task.key, result.remoteId);
    }
    expect(remote.get("surprise-event#create")).toMatch(/^\d{17}$/);
    const emasProvider = providers.emas as import("../../src/providers/emas/provider.js").EmasProvider;
    expect(await emasProvider.pushStats(233586006, remote.get("surprise-event#1")!)).toMatchObject({ AcceptCount: 1, SentCount: 1, OpenedCount: 0 });
    expect(remote.get("python-test")).toBeNull();
    const loopId = remote.get("java-loop-test")!;
    expect(loopId).toMatch(/^[0-9a-f]{32}$/);

    const dayBefore = compileProject(loadCampaigns("campaigns/emas"), {
      apps: APPS,
      now: Date.parse("2025-06-18T12:00:00Z"),
      defaultTimezone: "Asia/Shanghai",
      audienceFiles: {},
    });
    const deferred = dayBefore.tasks.find((t) => t.key === "event-reminder") as CompiledTask;
    const refused = await providers.emas.submit({ task: deferred }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ code: "InvalidPushTime.TooLate", retryable: false });

    const wallet = { provider: "mpaas" as const, appId: "ONEX570DA89211721", workspaceId: "test" };
    const listed = await providers.mpaas.listScheduled({ appRef: wallet, from: "2021-07-07T00:00:00Z", to: "2021-09-01T00:00:00Z" });
    expect(listed.tasks.map((t) => [t.remoteId, t.status, t.sendAt])).toEqual([
      [loopId, "scheduled", "2021-07-08T05:45:11Z"],
      [remote.get("simple-test"), "scheduled", "2021-08-30T05:58:46Z"],
    ]);
    await providers.mpaas.cancel({ appRef: wallet, remoteId: loopId });
    expect((await providers.mpaas.listScheduled({ appRef: wallet, from: "2021-07-07T00:00:00Z", to: "2021-09-01T00:00:00Z" })).tasks).toHaveLength(1);
    // A reused message key is a business error, not retryable.
    const again = await providers.mpaas.submit({ task: tasks.find((t) => t.key === "python-test")! }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "3028", retryable: false });
  });

  it("pages through EMAS scheduled pushes and cancels one", async () => {
    const now = Date.parse("2026-06-01T00:00:00Z");
    const emulator = await startEmulator({ clock: () => now });
    running.push(emulator);
    const providers = createProviders({ endpoint: emulator.endpoint, credentials: emulator.credentials });
    const { tasks } = compileProject(
      Array.from({ length: 150 }, (_, i) => ({
        campaign: {
          id: `c${i}`,
          app: "shop",
          target: { devices: ["d"] },
          notification: { title: "T", body: "B" },
          schedule: { at: `2026-06-0${2 + (i % 5)}T10:00:00Z` },
        },
        source: { file: "x.yaml", document: i, line: 1 },
      })),
      { apps: APPS, now, defaultTimezone: "UTC", audienceFiles: {} },
    );
    for (const task of tasks) await providers.emas.submit({ task });
    const appRef = { provider: "emas" as const, appKey: 233586006 };
    const listed = await providers.emas.listScheduled({ appRef, from: "2026-06-01T00:00:00Z", to: "2026-06-09T00:00:00Z" });
    expect(listed.tasks).toHaveLength(150);
    expect(listed.calls).toBe(3); // two 100-task pages in the first 7-day window, one for the rest
    await providers.emas.cancel({ appRef, remoteId: listed.tasks[0]!.remoteId });
    const after = await providers.emas.listScheduled({ appRef, from: "2026-06-01T00:00:00Z", to: "2026-06-09T00:00:00Z" });
    expect(after.tasks.filter((t) => t.status === "cancelled")).toHaveLength(1);
  });
  it("lists a push that falls on the boundary of two 7-day QueryPushRecords windows once", async () => {
    const now = Date.parse("2026-06-01T00:00:00Z");
    const emulator = await startEmulator({ clock: () => now });
    running.push(emulator);
    const providers = createProviders({ endpoint: emulator.endpoint, credentials: emulator.credentials });
    const [task] = compileProject(
      [
        {
          campaign: { id: "edge", app: "shop", target: { devices: ["d"] }, notification: { title: "T", body: "B" }, schedule: { at: "2026-06-02T00:00:00Z" } },
          source: { file: "x.yaml", document: 0, line: 1 },
        },
      ],
      { apps: APPS, now, defaultTimezone: "UTC", audienceFiles: {} },
    ).tasks;
    const { remoteId } = await providers.emas.submit({ task: task! });
    const listed = await providers.emas.listScheduled({
      appRef: { provider: "emas", appKey: 233586006 },
      from: "2026-05-26T00:00:00Z",
      to: "2026-06-09T00:00:00Z",
    });
    expect(listed.calls).toBe(2);
    expect(listed.tasks.map((t) => t.remoteId)).toEqual([remoteId]);
  });
});
