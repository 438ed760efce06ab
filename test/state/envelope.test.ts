import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../src/model/state.js";
import { appliedPlan } from "../../src/state/envelope.js";

const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  at: "2026-06-01T00:00:00.000Z",
  actor: "ci",
  commit: null,
  command: "apply p-1",
  operations: [],
  ...fields,
});

describe("appliedPlan", () => {
  it("reads the plan an apply wrote in `plan`, whatever the command says", () => {
    expect(appliedPlan(entry({ plan: "p-2", command: "apply" }))).toBe("p-2");
  });
  it("reads it from the command of an entry written before the field", () => {
    expect(appliedPlan(entry({}))).toBe("p-1");
  });
  it("finds none in another command", () => {
    expect(appliedPlan(entry({ command: "state rm" }))).toBeUndefined();
    expect(appliedPlan(entry({ command: "apply p-1 extra" }))).toBeUndefined();
  });
});
