import { describe, expect, it } from "vitest";
import { compileProject } from "../../src/compile/index.js";
import type { Campaign } from "../../src/model/campaign.js";
import type { MpaasTask } from "../../src/model/task.js";
import { taskHash } from "../../src/plan/integrity.js";
import { remainingLoop, withGeneration } from "../../src/plan/sends.js";
import { APPS, loadCampaigns, SEED_NOW } from "../compile/support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const tricky: Campaign[] = [
  { id: "ttl-now", app: "shop", target: { devices: ["d"] }, notification: { title: "t", body: "b" }, ttl: "2h" },
  { id: "ttl-later", app: "shop", target: { devices: ["d"] }, notification: { title: "t", body: "b" }, ttl: "2h", schedule: { at: "2026-06-03T10:00:00Z" } },
  { id: "burst", app: "shop", continuous: true, target: { accounts: ["a", "b"] }, message: { title: "m", body: { k: 1 } } },
  {
    id: "numbers",
    app: "wallet",
    target: { users: ["20", "u", "3", "10"] },
    notification: { title: "t", body: "b", mpaas: { extendedParams: { b: 1, a: 2 } } },
  },
  {
    id: "loop",
    app: "wallet",
    target: { users: ["u"] },
    notification: { title: "t", body: "b" },
    schedule: { every: "week", on: ["mon", "thu"], time: "10:00", from: "2026-06-01", until: "2026-07-01" },
  },
];

describe("a task's hash recomputed from its request", () => {
  it("is the compiler's, for the example campaigns and for awkward ones", () => {
    const tasks = [
      ...compileProject(loadCampaigns("campaigns"), { apps: APPS, now: SEED_NOW, defaultTimezone: "Asia/Shanghai", audienceFiles: {} }).tasks,
      ...compileProject(
        tricky.map((campaign, i) => ({ campaign, source: { file: "t.yaml", document: i, line: 1 } })),
        { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
      ).tasks,
    ];
    expect(tasks.length).toBeGreaterThan(15);
    for (const task of tasks) expect(taskHash(task), task.key).toBe(task.hash);
  });

  it("does not depend on the idempotency values: each generation has values of its own and the same hash", () => {
    const { tasks } = compileProject(
      tricky.map((campaign, i) => ({ campaign, source: { file: "t.yaml", document: i, line: 1 } })),
      { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
    );
    for (const task of tasks) {
      const values = [0, 1, 2]
        .map((g) => withGeneration(task, g))
        .map((t) => (t.provider === "emas" ? t.request.IdempotentToken : JSON.stringify(t.request.TargetMsgkey)));
      expect(new Set(values).size, task.key).toBe(3);
      expect(taskHash(withGeneration(task, 2))).toBe(task.hash);
      expect(withGeneration(task, 2)).toEqual(withGeneration(task, 2));
    }
  });

  it("is the hash earlier versions recorded (mPaaS StrategyContent and TargetMsgkey hashed as the API's JSON text)", () => {
    // Recorded from push at bb167d3, when the two were JSON text inside the compiled task: state written then must
    // still match, or every mPaaS task would plan as a replace.
    const { tasks } = compileProject(
      [
        tricky[3]!,
        tricky[4]!,
        { id: "fixed", app: "wallet", target: { users: ["a", "b"] }, notification: { title: "t", body: "b" }, schedule: { at: "2026-06-03T10:00:00Z" } },
      ].map((campaign, i) => ({ campaign, source: { file: "t.yaml", document: i, line: 1 } })),
      { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
    );
    expect(Object.fromEntries(tasks.map((t) => [t.key, t.hash]))).toEqual({
      numbers: "3855941f036a81c4e3e81ca62f368eb5f3d1b1f98b57e0b9a76aba64eb32b560",
      loop: "8f4aa656d60f02c3d000990d65110d30982ac92e06ed56c6e91ed11fb718c5f9",
      fixed: "57e36c6649f71e00639b4a24e9529094c9364be6417c884a1af0d239e256526e",
    });
    expect((tasks[2] as MpaasTask).request.TargetMsgkey).toEqual({ a: "2ee8ac50a7f51b640e91689e2791d8f5", b: "7cbf00ed235634d0b2ed6ecdad24bdda" });
  });

  it("of the rest of a running loop, is its own", () => {
    const { tasks } = compileProject([{ campaign: tricky[4]!, source: { file: "t.yaml", document: 0, line: 1 } }], {
      apps: APPS,
      now: NOW,
      defaultTimezone: "Asia/Shanghai",
      audienceFiles: {},
    });
    const rest = remainingLoop(tasks[0] as MpaasTask, Date.parse("2026-06-09T00:00:00Z"), "Asia/Shanghai")!;
    expect(rest.sendAt).toBe("2026-06-11T02:00:00Z"); // Thursday 11 June, 10:00 in Shanghai
    expect(rest.hash).toBe(taskHash(rest));
    expect(rest.hash).not.toBe(tasks[0]!.hash);
    expect(remainingLoop(tasks[0] as MpaasTask, Date.parse("2026-07-02T00:00:00Z"), "Asia/Shanghai")).toBeNull();
  });
});
