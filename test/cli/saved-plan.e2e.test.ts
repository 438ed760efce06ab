import { describe, expect, it } from "vitest";
import { emasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
// biome-ignore lint/suspicious/noExplicitAny: a saved plan read back as plain JSON, its fields asserted one by one
type Doc = Record<string, any>;

function project() {
  const p = planProject({ "campaigns/a.yaml": emasAt("s1", "2026-06-03T10:00:00Z"), "campaigns/b.yaml": emasAt("s2", "2026-06-03T11:00:00Z") });
  const saved = async () => {
    const run = await p.push(NOW, "plan", "--out", "p.json");
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(p.read("p.json")) as Doc;
  };
  const applyDoc = (doc: unknown) => {
    p.write("edited.json", typeof doc === "string" ? doc : JSON.stringify(doc));
    return p.push(NOW, "apply", "edited.json");
  };
  return { p, saved, applyDoc };
}

describe("apply of a saved plan that is not one", () => {
  it("refuses JSON that is no plan, or a plan of another format, naming what is wrong", async () => {
    const { applyDoc } = project();
    const cases: Array<[unknown, RegExp]> = [
      [{ formatVersion: 1 }, /formatVersion is 1, and this push reads 4: run push plan --out again/],
      [[], /it is not a push plan \(no formatVersion\)/],
      ["null", /it is not a push plan \(no formatVersion\)/],
      [{ formatVersion: 4 }, /plan\.planId must be 16 hex digits, not missing[\s\S]*plan\.operations must be an array, not missing/],
      [{ formatVersion: 4, operations: [{ kind: "create", key: "k" }] }, /plan\.operations\[0\]\.task must be an object, not missing/],
      [
        { formatVersion: 4, operations: [{ kind: "send" }] },
        /plan\.operations\[0\]\.kind must be "create" or "replace" or "cancel" or "protect" or "adopt" or "move", not a string/,
      ],
    ];
    for (const [doc, problem] of cases) {
      const run = await applyDoc(doc);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: edited\.json is not a plan push can apply:\n {2}- /);
      expect(run.stderr).toMatch(problem);
    }
  });

  it("refuses a request changed after the plan was written, and any other edit, and sends nothing", async () => {
    const { p, saved, applyDoc } = project();
    const plan = await saved();
    const body = structuredClone(plan);
    body.operations[0].task.request.PushTask.Notification.Body = "TAMPERED";
    const run = await applyDoc(body);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("operations[0] (create s1): the task's request does not match its hash: it was changed after push plan wrote it");
    expect(run.stderr).toContain("the plan's content does not match its id");

    const other = structuredClone(plan);
    other.operations.pop();
    other.summary.create = 1;
    const dropped = await applyDoc(other);
    expect(dropped.stderr).toContain(`the plan's content does not match its id ${plan.planId}: it was changed after push plan wrote it`);
    expect((await p.push(NOW, "state", "list")).stdout).toContain("0 task(s)");

    // Reformatted (keys in another order, other spacing) is the same plan.
    const reordered = Object.fromEntries(Object.entries(plan).reverse());
    expect((await applyDoc(JSON.stringify(reordered, null, 4))).stdout).toContain("Apply complete: 2 created");
  });

  it("refuses a cancel whose recorded task was swapped for another", async () => {
    const { p, applyDoc } = project();
    await p.push(NOW, "apply", "--auto-approve");
    p.remove("campaigns/b.yaml");
    await p.push(NOW, "plan", "--out", "p.json");
    const plan = JSON.parse(p.read("p.json")) as Doc;
    expect(plan.operations[0]).toMatchObject({ kind: "cancel", key: "s2" });
    plan.operations[0].prior.remoteId = p.state().tasks.s1!.remoteId;
    const run = await applyDoc(plan);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("operations[0] (cancel s2): its prior record is not the state's record of s2");
    expect((await p.push(NOW, "plan")).stdout).toContain("- cancel  s2");
  });
});
