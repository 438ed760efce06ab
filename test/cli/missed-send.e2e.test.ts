/**
 * Missed sends are never silent (issue 12, item 6): an EMAS loop's run beyond the 7-day window is created by a later
 * apply; when none ran before its time, the plan says so, and every plan says by when the next apply must run.
 */
import { describe, expect, it } from "vitest";
import { planProject } from "./plan-project.js";

// Mondays at 12:00 UTC from June 1: only June 1 is within the 7-day window of an apply on May 31.
const weekly = `id: digest
app: shop
target: {platform: ios, devices: [d1]}
notification: {title: T, body: B}
schedule: {every: week, on: [mon], time: "12:00", from: "2026-06-01", until: "2026-07-27", timezone: UTC}
`;

describe("a loop's run that no apply created in time", () => {
  it("is a missed-send warning once its time has passed, and each plan says by when to apply", async () => {
    const p = planProject({ "campaigns/digest.yaml": weekly });
    const first = await p.push("2026-05-31T00:00:00Z", "plan");
    expect(first.stdout).toContain("+ create  digest@2026-06-01T12:00:00Z");
    expect(first.stdout).toContain("Next apply due by 2026-06-08T12:00:00Z");
    expect((await p.push("2026-05-31T00:00:00Z", "apply", "--auto-approve")).stdout).toContain("Apply complete: 1 created");

    // No apply until June 20: the runs of June 8 and 15 were never created.
    const late = await p.push("2026-06-20T00:00:00Z", "plan", "--format", "json");
    expect(late.code, late.stderr).toBe(0);
    const plan = JSON.parse(late.stdout) as { diagnostics: Array<{ code: string; message: string; hint: string }>; applyBy: string | null };
    const missed = plan.diagnostics.filter((d) => d.code === "missed-send");
    expect(missed.map((d) => d.message)).toEqual([
      "digest: its run of 2026-06-08T12:00:00Z (2026-06-08 12:00 UTC) was never sent: no apply ran while it was within the provider's 7-day scheduling window",
      "digest: its run of 2026-06-15T12:00:00Z (2026-06-15 12:00 UTC) was never sent: no apply ran while it was within the provider's 7-day scheduling window",
    ]);
    expect(missed[0]!.hint).toContain("run push apply at least every 7 days");
    expect(plan.applyBy).toBe("2026-06-29T12:00:00Z");
    const text = await p.push("2026-06-20T00:00:00Z", "plan");
    expect(text.stderr).toContain("warning[missed-send]");

    // Applied again (June 22 created), a later plan still names the two misses of the month, and no new one.
    expect((await p.push("2026-06-20T00:00:00Z", "apply", "--auto-approve")).stdout).toContain("Apply complete: 1 created");
    const onTime = await p.push("2026-06-24T00:00:00Z", "plan", "--format", "json");
    const again = JSON.parse(onTime.stdout) as { diagnostics: Array<{ code: string; message: string }> };
    expect(again.diagnostics.filter((d) => d.code === "missed-send").map((d) => d.message.slice(0, 39))).toEqual([
      "digest: its run of 2026-06-08T12:00:00Z",
      "digest: its run of 2026-06-15T12:00:00Z",
    ]);
  });
});
