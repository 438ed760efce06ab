import { describe, expect, it } from "vitest";
import { emasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const protectedCampaign = emasAt("prot", "2026-06-04T10:00:00Z", "protect: true\n");

describe("protect: true", () => {
  it("blocks the cancel once the campaign file, and its protect line with it, is deleted; state rm releases it", async () => {
    const p = planProject({ "campaigns/a.yaml": protectedCampaign });
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("1 created");
    expect(p.state().tasks.prot).toMatchObject({ status: "scheduled", protect: true });
    p.remove("campaigns/a.yaml");
    // A blocked cancel is a change the plan does not carry out: --detailed-exitcode says there are changes.
    const plan = await p.push(NOW, "plan", "--detailed-exitcode");
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).not.toContain("- cancel");
    expect(plan.stdout).toContain(
      "Blocked by protect: true:\n  cancel prot: protect: true is recorded in state: to cancel it, restore the campaign without its protect line and apply, then delete it (or forget it with push state rm prot; the provider keeps the task)",
    );
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("No changes carried out: 1 change(s) blocked by protect: true.");
    expect(p.state().tasks.prot?.status).toBe("scheduled");

    expect((await p.push(NOW, "state", "rm", "prot")).code).toBe(0);
    const after = await p.push(NOW, "plan");
    expect(after.stdout).toMatch(/Unmanaged \(scheduled outside push; never cancelled\):\n {2}\d{17}/);
  });

  it("is recorded when added to a campaign already applied, and released by removing the line and applying", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("prot", "2026-06-04T10:00:00Z") });
    await p.push(NOW, "apply", "--auto-approve");
    p.write("campaigns/a.yaml", protectedCampaign);
    const add = await p.push(NOW, "plan", "--detailed-exitcode");
    expect(add.code).toBe(2);
    expect(add.stdout).toContain("  ~ protect  prot  (state only)");
    expect(add.stdout).toContain("Plan: 0 to create, 0 to replace, 0 to cancel, 1 protection(s) to record.");
    const table = await p.push(NOW, "plan", "--format", "markdown");
    expect(table.stdout).toContain(
      "| create | replace | cancel | protect | unchanged | deferred | drift | unmanaged | blocked |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| 0 | 0 | 0 | 1 | 0 |",
    );
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain(
      "Apply complete: 0 created, 0 replaced, 0 cancelled, 0 failed; 1 protection(s) recorded.",
    );
    expect(p.state().tasks.prot?.protect).toBe(true);

    p.write("campaigns/a.yaml", emasAt("prot", "2026-06-04T10:00:00Z"));
    const release = await p.push(NOW, "plan");
    expect(release.stdout).toContain("  ~ unprotect  prot  (state only)");
    await p.push(NOW, "apply", "--auto-approve");
    expect(p.state().tasks.prot?.protect).toBeUndefined();
    p.remove("campaigns/a.yaml");
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("0 created, 0 replaced, 1 cancelled");
  });

  it("blocks a replace while the line stands, and lets the change through with the line removed", async () => {
    const p = planProject({ "campaigns/a.yaml": protectedCampaign });
    await p.push(NOW, "apply", "--auto-approve");
    p.write("campaigns/a.yaml", protectedCampaign.replace("body: B", "body: new"));
    const blocked = await p.push(NOW, "plan", "--detailed-exitcode");
    expect(blocked.stdout).toContain(
      'Blocked by protect: true:\n  replace prot: protect: true: this edit is not sent; remove the line to let push replace it\n    ~ PushTask.Notification.Body: "B" -> "new"',
    );
    expect(blocked.code).toBe(2);
    p.write("campaigns/a.yaml", emasAt("prot", "2026-06-04T10:00:00Z").replace("body: B", "body: new"));
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("1 replaced");
    expect(p.state().tasks.prot?.protect).toBeUndefined();
  });
});
