import { escape as queryEscape } from "node:querystring";
import { describe, expect, it } from "vitest";
import { batchToken, planBatches } from "../../src/apply/batch.js";
import { MASS_PUSH_MAX_ENCODED_BYTES } from "../../src/providers/emas/limits.js";
import { compileProject } from "../../src/compile/index.js";
import type { Campaign } from "../../src/model/campaign.js";
import { emptySnapshot } from "../../src/model/state.js";
import { encodePushTask } from "../../src/providers/emas/encode.js";
import type { Operation } from "../../src/model/plan.js";
import type { EmasTask } from "../../src/model/task.js";
import { APPS } from "../compile/support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const ops = (campaigns: Campaign[]): Operation[] =>
  compileProject(
    campaigns.map((campaign, i) => ({ campaign, source: { file: "c.yaml", document: i, line: 1 } })),
    { apps: APPS, now: NOW, defaultTimezone: "UTC", audienceFiles: {} },
  ).tasks.map((task) => ({ kind: "create", key: task.key, task, reason: "new" }));
const simple = (i: number, extra: Partial<Campaign> = {}): Campaign => ({
  id: `c${i}`,
  app: "shop",
  target: { devices: ["d"] },
  notification: { title: `T${i}`, body: "B" },
  ...extra,
});

describe("MassPushV2 batches", () => {
  it("group EMAS creates of one app key by at most 100, leaving groups of one, tags, continuous pushes and mPaaS alone", () => {
    const list = ops([
      ...Array.from({ length: 201 }, (_, i) => simple(i)),
      simple(900, { target: { tag: "vip" } }),
      simple(901, { continuous: true }),
      { id: "m", app: "wallet", target: { users: ["u"] }, notification: { title: "T", body: "B" } },
    ]);
    const { batches, rest } = planBatches(list, emptySnapshot("l"));
    expect(batches.map((b) => b.tasks.length)).toEqual([100, 100]);
    expect(rest.map((o) => o.key)).toEqual(["c200", "c900", "c901#create", "c901#1", "m"]);
    expect(batches[0]!.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(batches[0]!.token).toBe(batchToken(batches[0]!.tasks));
  });
  it("put resumed members back into their own batch, same order and token", () => {
    const list = ops([simple(1), simple(2), simple(3)]);
    const [a, b] = list.map((o) => (o as { task: EmasTask }).task);
    const snapshot = emptySnapshot("l");
    for (const task of [b!, a!]) {
      snapshot.tasks[task.key] = {
        key: task.key,
        campaign: task.campaign,
        provider: "emas",
        app: "shop",
        appRef: { provider: "emas", appKey: 1 },
        remoteId: null,
        hash: task.hash,
        sendAt: null,
        status: "pending",
        request: task.request,
        origin: "push",
        createdAt: "",
        updatedAt: "",
        batch: { token: "11111111-1111-5111-8111-111111111111", keys: [b!.key, a!.key] },
      };
    }
    const { batches, rest } = planBatches(list, snapshot);
    expect(batches.map((x) => [x.token, x.tasks.map((t) => t.key)])).toEqual([["11111111-1111-5111-8111-111111111111", ["c2", "c1"]]]);
    expect(rest.map((o) => o.key)).toEqual(["c3"]);
  });
  it("keep each batch's percent-encoded PushTasks under MASS_PUSH_MAX_ENCODED_BYTES, in order; a task too large to share stays a PushV2", async () => {
    const accounts = (i: number, n: number) => Array.from({ length: n }, (_, k) => `acct-${i}-${k}-`.padEnd(64, "x"));
    const aliases = Array.from({ length: 1000 }, (_, k) => `alias-${k}-`.padEnd(128, "x")); // the documented maximum
    const list = ops([
      ...Array.from({ length: 10 }, (_, i) => simple(i, { target: { accounts: accounts(i, 300) } })),
      simple(99, { target: { aliases } }), // about 131 KB encoded: over the limit on its own
      ...Array.from({ length: 10 }, (_, i) => simple(i + 10, { target: { accounts: accounts(i + 10, 300) } })),
    ]);
    const { batches, rest } = planBatches(list, emptySnapshot("l"));
    // What the EMAS client sends, encoded as the runtime's querystring does.
    const encoded = (tasks: EmasTask[]) => queryEscape(`[${tasks.map((t) => encodePushTask(t.request.PushTask)).join(",")}]`).length;
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(encoded(batch.tasks)).toBeLessThanOrEqual(MASS_PUSH_MAX_ENCODED_BYTES);
    expect(batches.flatMap((b) => b.tasks.map((t) => t.key))).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
    expect(rest.map((o) => o.key)).toEqual(["c99"]);
  });
});
