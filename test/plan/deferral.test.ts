/** EMAS one-off sends beyond the 7-day window: compile defers them, and the plan follows compile. */
import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/model/campaign.js";
import { emptySnapshot, type TaskRecord } from "../../src/model/state.js";
import { appRefOf } from "../../src/providers/behaviour.js";
import { compiled, planFor } from "./support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const sale = (at: string): Campaign => ({ id: "sale", app: "shop", target: { devices: ["d"] }, notification: { title: "t", body: "b" }, schedule: { at } });

describe("a one-off EMAS send beyond the 7-day window", () => {
  it("is deferred, not created: the provider would refuse it (InvalidPushTime.TooLate)", () => {
    const plan = planFor([sale("2026-06-20T10:00:00Z")], NOW);
    expect(plan.operations).toEqual([]);
    expect(plan.deferred).toEqual([{ key: "sale", sendAt: "2026-06-20T10:00:00Z" }]);
    expect(plan.deferredOccurrences).toEqual([]);
  });

  it("moved there from a scheduled send: the scheduled task is cancelled, saying why, and the new one waits", () => {
    const [task] = compiled([sale("2026-06-03T10:00:00Z")], NOW).tasks;
    const record: TaskRecord = {
      key: task!.key,
      campaign: "sale",
      provider: "emas",
      app: "shop",
      appRef: appRefOf(task!),
      remoteId: "r1",
      hash: task!.hash,
      sendAt: task!.sendAt,
      status: "scheduled",
      request: task!.request,
      origin: "push",
      createdAt: "2026-06-01T00:00:00.000Z",
      updatedAt: "2026-06-01T00:00:00.000Z",
    };
    const plan = planFor([sale("2026-06-20T10:00:00Z")], NOW, { snapshot: { ...emptySnapshot("l"), serial: 1, tasks: { [record.key]: record } } });
    expect(plan.operations).toEqual([
      expect.objectContaining({
        kind: "cancel",
        key: "sale",
        reason: "moved to 2026-06-20T10:00:00Z, beyond EMAS's 7-day scheduling window: a later plan creates it",
      }),
    ]);
    expect(plan.deferred).toEqual([{ key: "sale", sendAt: "2026-06-20T10:00:00Z" }]);
  });
});
