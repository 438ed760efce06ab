import { describe, expect, it } from "vitest";
import type { StoreData } from "../../src/emulator/store.js";
import type { PushSimpleRequest } from "../../src/model/task.js";
import { emulatorAt, keys, planProject } from "../cli/plan-project.js";

const loop = (body: string, from = "2026-06-01") =>
  `id: mloop\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: t, body: ${body}}\nschedule: {every: week, on: [mon], time: "10:00:00", from: ${from}, until: 2026-07-01}\n`;
const ms = (iso: string) => Date.parse(iso);

describe("a changed mPaaS loop that has started", () => {
  it("is replaced by the rest of the loop: from its next run, to the same end; plan and apply converge", async () => {
    const p = planProject({ "campaigns/a.yaml": loop("b") });
    expect((await p.push("2026-06-01T00:00:00Z", "apply", "--auto-approve")).stdout).toContain("1 created");
    p.write("campaigns/a.yaml", loop("new"));

    const plan = await p.push("2026-06-10T00:00:00Z", "plan");
    expect(plan.code, plan.stderr).toBe(0);
    // Mondays at 10:00 in Shanghai are 02:00Z; the runs of June 1 and 8 are history, the next is June 15.
    expect(plan.stdout).toContain("-/+ replace mloop  (PushSimple, wallet)  sends 2026-06-15T02:00:00Z");
    expect(plan.stdout).toContain("content changed; the loop has started: the replacement covers its runs from 2026-06-15T02:00:00Z");

    const applied = await p.push("2026-06-10T00:00:00Z", "apply", "--auto-approve");
    expect(applied.stdout, applied.stderr).toContain("0 created, 1 replaced, 0 cancelled, 0 failed");
    const record = p.state().tasks.mloop!;
    expect((record.request as PushSimpleRequest).StrategyContent).toEqual({
      startTime: ms("2026-06-14T16:00:00Z"), // 2026-06-15 00:00 in Shanghai
      endTime: ms("2026-06-28T16:00:00Z"), // the day of the last run, Monday 29 June, as compiled
      circleType: 2,
      circleValue: [1],
      time: "10:00:00",
    });
    for (const now of ["2026-06-10T00:00:00Z", "2026-06-20T00:00:00Z"]) {
      const quiet = await p.push(now, "plan", "--detailed-exitcode");
      expect(quiet.code, quiet.stdout).toBe(0);
    }
    const data = JSON.parse(p.read(".push/emulator.json")) as StoreData;
    expect(data.mpaas.map((r) => [r.content, r.cancelledAt === null ? "live" : "cancelled"])).toEqual([
      ["b", "cancelled"],
      ["new", "live"],
    ]);
  });

  it("with no run left, is an error that says how to end it; a new loop starting in the past is one too", async () => {
    const p = planProject({ "campaigns/a.yaml": loop("b") });
    await p.push("2026-06-01T00:00:00Z", "apply", "--auto-approve");
    p.write("campaigns/a.yaml", loop("b").replace("until: 2026-07-01", "until: 2026-06-09"));
    const none = await p.push("2026-06-10T00:00:00Z", "plan");
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/campaigns\/a\.yaml:5:\d+: error\[schedule-in-past\]: mloop: the changed loop has no run left after now/);
    expect(none.stderr).toContain("move its until later, or remove the campaign: its runs so far are history");

    const fresh = planProject({ "campaigns/a.yaml": loop("b").replace("id: mloop", "id: late") });
    const past = await fresh.push("2026-06-10T00:00:00Z", "plan");
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/campaigns\/a\.yaml:5:\d+: error\[schedule-in-past\]: late would first send at 2026-06-01T02:00:00Z/);
  });

  it("cancelled outside push after its first run is drift, not sent: the plan re-creates the rest of it", async () => {
    const { emulator, providers, setNow } = await emulatorAt("2026-06-01T00:00:00Z");
    const p = planProject({ "campaigns/a.yaml": loop("b") }, { endpoint: emulator.url, env: keys(emulator) });
    expect((await p.push("2026-06-01T00:00:00Z", "apply", "--auto-approve")).stdout).toContain("1 created");
    // Two runs (June 1 and 8) went out; the runs of June 15, 22 and 29 are cancelled in the console.
    setNow("2026-06-09T00:00:00Z");
    const appRef = { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } as const;
    await providers.mpaas.cancel({ appRef, remoteId: p.state().tasks.mloop!.remoteId! });

    setNow("2026-06-10T00:00:00Z");
    const plan = await p.push("2026-06-10T00:00:00Z", "plan", "--detailed-exitcode");
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/Drift \(changed outside push\):\n {2}mloop {2}\S+ {2}cancelled outside push/);
    expect(plan.stdout).toContain("+ create  mloop  (PushSimple, wallet)  sends 2026-06-15T02:00:00Z");
    expect(plan.stdout).toContain("recorded as cancelled: create again, with idempotency values of its own");

    const applied = await p.push("2026-06-10T00:00:00Z", "apply", "--auto-approve");
    expect(applied.stdout, applied.stderr).toContain("1 created, 0 replaced, 0 cancelled, 0 failed");
    const quiet = await p.push("2026-06-10T00:00:00Z", "plan", "--detailed-exitcode");
    expect(quiet.code, quiet.stdout).toBe(0);
    const listed = await providers.mpaas.listScheduled({ appRef, from: "2026-06-10T00:00:00Z", to: "2026-07-01T00:00:00Z" });
    expect(listed.tasks.filter((t) => t.status === "scheduled").map((t) => t.sendAt)).toEqual(["2026-06-15T02:00:00Z"]);

    // Once its last run is past, a loop no longer listed was sent: no drift.
    setNow("2026-07-02T00:00:00Z");
    const ended = await p.push("2026-07-02T00:00:00Z", "plan", "--detailed-exitcode");
    expect(ended.code, ended.stdout).toBe(0);
    expect(ended.stdout).not.toContain("Drift");
  });

  it("of several segments, once the first ran, has its sent segment as history: no lasting already-sent warning", async () => {
    // Fridays 20:00 New York: a loop per UTC offset, EDT (October) and EST (November, December).
    const ny = (body: string) =>
      `id: ny\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: t, body: ${body}}\nschedule: {every: week, on: [fri], time: "20:00:00", timezone: America/New_York, from: 2026-10-01, until: 2026-12-31}\n`;
    const p = planProject({ "campaigns/a.yaml": ny("b") });
    expect((await p.push("2026-10-01T00:00:00Z", "apply", "--auto-approve")).stdout).toContain("2 created");
    p.write("campaigns/a.yaml", ny("new"));

    const plan = await p.push("2026-11-15T00:00:00Z", "plan");
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("-/+ replace ny~2");
    expect(plan.stderr).not.toContain("already-sent");
    // Said once, in the plan that carries the change, with the segment's last run (Friday 30 October, 20:00 EDT).
    expect(plan.stdout).toContain("Already sent (changed since; history is not resent):\n  ny~1  sent 2026-10-31T00:00:00Z");

    expect((await p.push("2026-11-15T00:00:00Z", "apply", "--auto-approve")).stdout).toContain("1 replaced");
    const later = await p.push("2026-11-16T00:00:00Z", "plan", "--detailed-exitcode");
    expect(later.code, later.stdout).toBe(0);
    expect(later.stderr).toBe("");
    expect(later.stdout).toBe("No changes.\n");
  });
});
