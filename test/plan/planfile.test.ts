import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/model/campaign.js";
import { readPlan } from "../../src/plan/planfile.js";
import { planFor } from "./support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const campaigns: Campaign[] = [
  { id: "e", app: "shop", target: { devices: ["d1"] }, notification: { title: "t", body: "b" }, schedule: { at: "2026-06-03T10:00:00Z" } },
  {
    id: "m",
    app: "wallet",
    target: { users: ["u"] },
    notification: { title: "t", body: "b" },
    schedule: { every: "week", on: ["mon"], time: "10:00", from: "2026-06-01", until: "2026-07-01" },
  },
];
// biome-ignore lint/suspicious/noExplicitAny: a plan document edited field by field
const saved = (): any => JSON.parse(JSON.stringify(planFor(campaigns, NOW)));
const problems = (doc: unknown) => {
  const read = readPlan(JSON.stringify(doc));
  return "problems" in read ? read.problems : [];
};

describe("a saved plan read against schemas/plan.schema.json", () => {
  it("accepts what push plan writes, for both providers", () => {
    const doc = saved();
    expect(doc.operations.map((op: { task: { provider: string } }) => op.task.provider).sort()).toEqual(["emas", "mpaas"]);
    expect(readPlan(JSON.stringify(doc))).toEqual({ plan: doc });
  });

  it("names each field that is not what the schema says, with what it must be and what it is", () => {
    const doc = saved();
    const m = doc.operations.findIndex((op: { task: { provider: string } }) => op.task.provider === "mpaas");
    const e = 1 - m;
    doc.summary.create = "2";
    doc.environment.name = 7;
    doc.operations[m].task.request.TargetMsgkey = "{}";
    delete doc.operations[e].task.request.IdempotentToken;
    doc.operations[e].task.sendAt = 0;
    expect([e, m]).toEqual([0, 1]); // the plan lists its EMAS create first
    expect(problems(doc)).toEqual([
      "plan.environment.name must be a string or null, not a number",
      "plan.operations[0].task.request.IdempotentToken must be a string, not missing",
      "plan.operations[0].task.sendAt must be a string or null, not a number",
      "plan.operations[1].task.request.TargetMsgkey must be an object of message keys, not a string",
      "plan.summary.create must be a whole number, not a string",
    ]);
  });

  it("names the prior record a cancel needs", () => {
    const doc = saved();
    doc.operations = [{ kind: "cancel", key: "k", reason: "r" }];
    expect(problems(doc)).toEqual(["plan.operations[0].prior must be an object, not missing"]);
  });
});
