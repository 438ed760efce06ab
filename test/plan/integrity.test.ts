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
      const values = [0, 1, 2].map((g) => withGeneration(task, g)).map((t) => (t.provider === "emas" ? t.request.IdempotentToken : t.request.TargetMsgkey));
      expect(new Set(values).size, task.key).toBe(3);
      expect(taskHash(withGeneration(task, 2))).toBe(task.hash);
      expect(withGeneration(task, 2)).toEqual(withGeneration(task, 2));
    }
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
