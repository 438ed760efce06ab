/** Renames (issue 14, item 5): a campaign that names its former ids moves their records; nothing is cancelled or sent. */
import { describe, expect, it } from "vitest";
import { emasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";

describe("formerIds", () => {
  it("moves a renamed campaign's records instead of cancelling and creating its tasks", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("spring-sale", "2026-06-03T10:00:00Z") });
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("1 created");
    const remoteId = p.state().tasks["spring-sale"]!.remoteId;

    // Renamed without formerIds: a cancel and a create, as before.
    p.write("campaigns/a.yaml", emasAt("summer-sale", "2026-06-03T10:00:00Z"));
    expect((await p.push(NOW, "plan")).stdout).toContain("Plan: 1 to create, 0 to replace, 1 to cancel.");

    p.write("campaigns/a.yaml", emasAt("summer-sale", "2026-06-03T10:00:00Z", "formerIds: [spring-sale]\n"));
    const plan = await p.push(NOW, "plan", "--out", "move.json");
    expect(plan.stdout, plan.stderr).toContain("  > move    spring-sale -> summer-sale  (state only)");
    expect(plan.stdout).toContain("Plan: 0 to create, 0 to replace, 0 to cancel, 1 to move (state only).");
    expect((await p.push(NOW, "apply", "move.json")).stdout).toContain("Apply complete: 0 created, 0 replaced, 0 cancelled, 0 failed; 1 moved.");
    const state = p.state();
    expect(state.tasks["spring-sale"]).toBeUndefined();
    expect(state.tasks["summer-sale"]).toMatchObject({ campaign: "summer-sale", remoteId, status: "scheduled" });
    expect((await p.push(NOW, "plan")).stdout).toContain("No changes.");
  });

  it("moves first and says a changed content waits for the next plan", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("old", "2026-06-03T10:00:00Z") });
    await p.push(NOW, "apply", "--auto-approve");
    p.write("campaigns/a.yaml", emasAt("new", "2026-06-03T10:00:00Z", "formerIds: [old]\n").replace("body: B", "body: changed"));
    const plan = await p.push(NOW, "plan");
    expect(plan.stderr).toContain("warning[renamed-changed]: new was renamed and changed: this plan moves its record; the next plan replaces it");
    await p.push(NOW, "apply", "--auto-approve");
    expect((await p.push(NOW, "plan")).stdout).toContain("-/+ replace new");
  });
});
