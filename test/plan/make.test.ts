import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/model/campaign.js";
import type { RemoteTask } from "../../src/model/remote.js";
import { emptySnapshot, type StateSnapshot, type TaskRecord } from "../../src/model/state.js";
import { appRefOf } from "../../src/providers/behaviour.js";
import type { CompiledTask } from "../../src/model/task.js";
import { taskHash } from "../../src/plan/integrity.js";
import { checkEnvironment } from "../../src/plan/environment.js";
import { APPS } from "../compile/support.js";
import { compiled, LOCAL, NOTHING_LISTED, planFor } from "./support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const mpaas = (id: string, extra: Partial<Campaign> = {}): Campaign => ({
  id,
  app: "wallet",
  target: { users: ["u"] },
  notification: { title: "t", body: "b" },
  schedule: { at: "2026-06-03T10:00:00Z" },
  ...extra,
});
const loop = mpaas("mloop", { schedule: { every: "week", on: ["mon"], time: "10:00:00", from: "2026-06-01", until: "2026-07-01" } });

function stateOf(records: TaskRecord[]): StateSnapshot {
  return { ...emptySnapshot("l"), serial: 1, tasks: Object.fromEntries(records.map((r) => [r.key, r])) };
}
const recorded = (task: CompiledTask, status: TaskRecord["status"], extra: Partial<TaskRecord> = {}): TaskRecord => ({
  key: task.key,
  campaign: task.campaign,
  provider: task.provider,
  app: task.app,
  appRef: appRefOf(task),
  remoteId: `id-${task.key}`,
  hash: task.hash,
  sendAt: task.sendAt,
  status,
  request: task.request,
  origin: "push",
  createdAt: "2026-06-01T00:00:00.000Z",
  updatedAt: "2026-06-01T00:00:00.000Z",
  ...extra,
});
const listed = (n: number, appId = "ONEX570DA89211721"): RemoteTask[] =>
  Array.from({ length: n }, (_, i) => ({
    appRef: { provider: "mpaas", appId, workspaceId: "test" },
    remoteId: `r${i}`,
    sendAt: "2026-06-05T00:00:00Z",
    status: "scheduled",
  }));

describe("makePlan", () => {
  it("re-creates a running loop cancelled outside push as the rest of the loop, with fresh message keys", () => {
    const [task] = compiled([loop], NOW).tasks;
    const later = Date.parse("2026-06-10T00:00:00Z");
    const plan = planFor([loop], later, {
      snapshot: stateOf([recorded(task!, "scheduled")]),
      refresh: { ...NOTHING_LISTED, observed: { mloop: "cancelled" } },
    });
    expect(plan.diagnostics).toEqual([]);
    const [op] = plan.operations;
    expect(op).toMatchObject({ kind: "create", generation: 1, compiledHash: task!.hash, task: { sendAt: "2026-06-15T02:00:00Z" } });
    if (op?.kind !== "create") throw new Error("a create");
    expect(op.task.hash).toBe(taskHash(op.task));
    expect(op.task.request).not.toHaveProperty("TargetMsgkey", (task!.request as { TargetMsgkey: object }).TargetMsgkey);
  });

  it("counts what the provider lists against the mPaaS limit, less what the plan cancels; EMAS tasks do not count", () => {
    const gone = compiled([mpaas("gone")], NOW).tasks[0]!;
    const snapshot = stateOf([recorded(gone, "scheduled")]);
    const emas: RemoteTask = { appRef: { provider: "emas", appKey: 233586006 }, remoteId: "e", sendAt: null, status: "scheduled" };
    const over = planFor([mpaas("new")], NOW, { refresh: { ...NOTHING_LISTED, scheduled: [...listed(100), emas] } });
    expect(over.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["mpaas-scheduled-task-limit", expect.stringContaining("would have 101 unexecuted scheduled or loop tasks: 100 already scheduled")],
    ]);
    const swapped = planFor([mpaas("new")], NOW, { snapshot, refresh: { ...NOTHING_LISTED, scheduled: listed(100) } });
    expect(swapped.diagnostics).toEqual([]);
    expect(swapped.operations.map((o) => o.kind)).toEqual(["cancel", "create"]);
    expect(planFor([mpaas("new")], NOW, { refresh: { ...NOTHING_LISTED, scheduled: listed(100, "OTHER") } }).diagnostics).toEqual([]);
  });

  it("finishes an interrupted cancel: again for a removed campaign, then a create for a replaced one", () => {
    const [a, b] = compiled([mpaas("a"), mpaas("b")], NOW).tasks;
    const plan = planFor([mpaas("b", { notification: { title: "t", body: "changed" } })], NOW, {
      snapshot: stateOf([recorded(a!, "cancelling"), recorded(b!, "cancelling")]),
    });
    expect(plan.operations.map((o) => [o.kind, o.key, o.reason])).toEqual([
      ["cancel", "a", "an interrupted cancel: cancel again"],
      ["replace", "b", "an interrupted replace: cancel again, then create"],
    ]);
  });

  it("resumes a journaled create with its very request, whatever the campaign says now", () => {
    const [before] = compiled([mpaas("a")], NOW).tasks;
    const pending = recorded(before!, "pending", { remoteId: null, generation: 2 });
    const plan = planFor([mpaas("a", { notification: { title: "t", body: "edited meanwhile" } })], NOW, { snapshot: stateOf([pending]) });
    expect(plan.operations).toEqual([
      expect.objectContaining({
        kind: "create",
        generation: 2,
        reason: "resume an interrupted create",
        task: expect.objectContaining({ request: pending.request, hash: before!.hash }),
      }),
    ]);
  });

  it("blocks a cancel while protect is on the campaign or, the campaign gone, in state", () => {
    const [a] = compiled([mpaas("a")], NOW).tasks;
    // A task of campaign a that a changes no longer makes (a batch dropped, say).
    const dropped = (protect: boolean) => recorded(a!, "scheduled", { key: "a#2", ...(protect ? { protect: true } : {}) });
    const cases: Array<[Campaign[], boolean, string | null]> = [
      [[], true, "protect: true is recorded in state: to cancel it, restore the campaign"],
      [[], false, null],
      [[mpaas("a", { protect: false })], true, null],
      [[mpaas("a", { protect: true })], false, "protect: true on campaign a: remove the line to let push cancel it"],
    ];
    for (const [campaigns, inState, blocked] of cases) {
      const plan = planFor(campaigns, NOW, { snapshot: stateOf([dropped(inState)]) });
      const reason = plan.blocked.find((b) => b.key === "a#2")?.reason ?? null;
      expect(reason, JSON.stringify([campaigns, inState])).toEqual(blocked === null ? null : expect.stringContaining(blocked));
      expect(
        plan.operations.some((o) => o.kind === "cancel"),
        JSON.stringify([campaigns, inState]),
      ).toBe(blocked === null);
    }
  });

  it("warns of a changed loop that has no run left to carry the change, naming its last run", () => {
    const [task] = compiled([loop], NOW).tasks;
    const changed = { ...loop, notification: { title: "t", body: "changed" } };
    const plan = planFor([changed], Date.parse("2026-07-02T00:00:00Z"), { snapshot: stateOf([recorded(task!, "sent")]) });
    expect(plan.alreadySent).toEqual([{ key: "mloop", sendAt: "2026-06-29T02:00:00Z" }]);
    expect(plan.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["already-sent", "mloop changed, but it was last sent at 2026-06-29T02:00:00Z: history is not resent"],
    ]);
  });

  it("records the environment it is made for; a plan is for another when the keys of an app it addresses differ", () => {
    const plan = planFor([mpaas("a")], NOW);
    expect(plan.environment).toMatchObject(LOCAL);
    expect(checkEnvironment(plan, LOCAL, APPS)).toEqual([]);
    // An app the plan does not address may change: the plan's requests still go where they went.
    expect(checkEnvironment(plan, LOCAL, { ...APPS, shop: { name: "shop", provider: "emas", appKeys: { all: 1 } } })).toEqual([]);
    const moved = { ...APPS, wallet: { ...APPS.wallet!, appId: "OTHER" } } as typeof APPS;
    expect(checkEnvironment(plan, LOCAL, moved)).toEqual([
      expect.stringContaining(
        "the endpoint or the keys of the apps the plan addresses (wallet) are not the ones it was made for (the config without --env (the embedded emulator))",
      ),
    ]);
    expect(checkEnvironment(plan, { ...LOCAL, endpoint: "http://127.0.0.1:4611" }, APPS)).toHaveLength(1);
  });
});
