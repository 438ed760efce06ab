/** Blast radius (issue 14, item 4): reach per campaign, a broadcast first, and a frequency cap across campaigns. */
import { describe, expect, it } from "vitest";
import { APPS_RC, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const send = (id: string, at: string, devices: string) =>
  `id: ${id}\napp: shop\ntarget: {platform: ios, devices: [${devices}]}\nnotification: {title: ${id}, body: B}\nschedule: {at: "${at}"}\n`;

describe("blast radius", () => {
  it("warns when recipients would get more pushes of one app in the window than frequencyCap allows, naming the campaigns", async () => {
    const p = planProject({
      "campaigns/a.yaml": send("morning", "2026-06-03T01:00:00Z", "d1, d2, d3"),
      "campaigns/b.yaml": send("noon", "2026-06-03T04:00:00Z", "d1, d2"),
      "campaigns/c.yaml": send("evening", "2026-06-03T10:00:00Z", "d1, d9"),
      "campaigns/d.yaml": send("next-week", "2026-06-06T10:00:00Z", "d1"),
    });
    p.write(".pushrc.json", JSON.stringify({ apps: APPS_RC, endpoint: "local", frequencyCap: { max: 2, per: "24h" } }));
    const plan = await p.push(NOW, "plan");
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain("warning[frequency-cap]: app shop: 1 recipient(s) would get more than 2 pushes within 24 h, from evening, morning, noon");
    expect(plan.stdout).toContain("Reach (who the plan's sends reach):\n  morning: 3 device ids in 1 request(s)");
    p.write(".pushrc.json", JSON.stringify({ apps: APPS_RC, endpoint: "local", frequencyCap: { max: 3, per: "24h" } }));
    expect((await p.push(NOW, "plan")).stderr).not.toContain("frequency-cap");
    p.write(".pushrc.json", JSON.stringify({ apps: APPS_RC, endpoint: "local", frequencyCap: { max: 2, per: "a day" } }));
    expect((await p.push(NOW, "plan")).stderr).toContain("frequencyCap must be { max: a whole number of pushes, per: a duration }");
  });

  it("calls a broadcast to everyone out at the top of the plan", async () => {
    const p = planProject({
      "campaigns/all.yaml": 'id: everyone\napp: shop\ntarget: {all: true}\nnotification: {title: T, body: B}\nschedule: {at: "2026-06-03T10:00:00Z"}\n',
    });
    const plan = await p.push(NOW, "plan");
    expect(plan.stdout.startsWith("! Broadcast: everyone sends to everyone of its app\n")).toBe(true);
    expect(plan.stderr).toContain("warning[broadcast]");
    expect((await p.push(NOW, "plan", "--format", "markdown")).stdout).toContain("> :loudspeaker: **Broadcast**: `everyone` sends to everyone of its app");
  });
});
