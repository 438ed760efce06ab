/** `--target` (issue 14, item 5): plan and apply the named campaigns only, with a warning that the rest was not. */
import { describe, expect, it } from "vitest";
import { emasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";

describe("--target", () => {
  it("plans and applies the named campaigns only, and never cancels the others", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z"), "campaigns/b.yaml": emasAt("b", "2026-06-03T11:00:00Z") });
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("2 created");
    p.write("campaigns/a.yaml", emasAt("a", "2026-06-03T10:00:00Z").replace("body: B", "body: new"));
    p.remove("campaigns/b.yaml");
    const plan = await p.push(NOW, "plan", "--target", "a", "--out", "a.json");
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("-/+ replace a");
    expect(plan.stdout).not.toContain("- cancel");
    expect(plan.stdout).toContain("Plan: 0 to create, 1 to replace, 0 to cancel.");
    expect(plan.stderr).toContain("warning[target]: only `a` was planned (--target): the rest of the project was not");
    expect(JSON.parse(p.read("a.json")).targets).toEqual(["a"]);
    const both = await p.push(NOW, "apply", "a.json", "--target", "b");
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("error: a saved plan carries its own targets");
    expect((await p.push(NOW, "apply", "a.json")).stdout).toContain("Apply complete: 0 created, 1 replaced, 0 cancelled");
    expect(p.state().tasks.b?.status).toBe("scheduled");

    const all = await p.push(NOW, "plan");
    expect(all.stdout).toContain("- cancel  b");
    const applied = await p.push(NOW, "apply", "--auto-approve", "--target", "b");
    expect(applied.stdout).toContain("0 created, 0 replaced, 1 cancelled");
  });

  it("refuses a name that is no campaign and no record", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") });
    const run = await p.push(NOW, "plan", "--target", "nope");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[target]: --target nope: no campaign and no recorded task has that id");
  });
});
