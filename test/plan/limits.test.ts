/** The mPaaS limit of 100 unexecuted scheduled or loop tasks per app: the diagnostic says which campaigns make up the count. */
import { describe, expect, it } from "vitest";
import { compileProject } from "../../src/compile/index.js";
import type { Campaign } from "../../src/model/campaign.js";
import type { RemoteTask } from "../../src/model/remote.js";
import { APPS } from "../compile/support.js";
import { NOTHING_LISTED, planFor } from "./support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);
// A weekly loop to 45 users: 5 PushSimple tasks (10 targets a request), each a loop task the limit counts.
const big: Campaign = {
  id: "weekly-big",
  app: "wallet",
  target: { users: users(45) },
  notification: { title: "t", body: "b" },
  schedule: { every: "week", on: ["mon"], time: "10:00:00", from: "2026-06-01", until: "2026-07-01" },
};
const small = (i: number): Campaign => ({
  id: `m${String(i).padStart(2, "0")}`,
  app: "wallet",
  target: { users: ["u"] },
  notification: { title: "t", body: "b" },
  schedule: { at: "2026-06-03T10:00:00Z" },
});
const campaigns = [big, ...Array.from({ length: 97 }, (_, i) => small(i))];

describe("the mPaaS pending-task limit names the campaigns behind its count", () => {
  it("in validate and compile: each campaign with its tasks, the largest first, cut after ten", () => {
    const result = compileProject(
      campaigns.map((campaign, i) => ({ campaign, source: { file: "c.yaml", document: i, line: 1 } })),
      { apps: APPS, now: NOW, defaultTimezone: "Asia/Shanghai", audienceFiles: {} },
    );
    const [limit] = result.diagnostics.filter((d) => d.code === "mpaas-scheduled-task-limit");
    expect(limit!.message).toBe(
      'app "wallet" would have 102 scheduled or loop tasks; mPaaS allows at most 100 unexecuted ones per app. Tasks by campaign: weekly-big (5), m00 (1), m01 (1), m02 (1), m03 (1), m04 (1), m05 (1), m06 (1), m07 (1), m08 (1) and 88 more',
    );
  });

  it("in plan: the campaigns to create, beside what the provider holds already", () => {
    const listed: RemoteTask[] = Array.from({ length: 90 }, (_, i) => ({
      appRef: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" },
      remoteId: `r${i}`,
      sendAt: "2026-06-05T00:00:00Z",
      status: "scheduled",
    }));
    const plan = planFor([big, small(0), small(1), small(2), small(3), small(4), small(5)], NOW, { refresh: { ...NOTHING_LISTED, scheduled: listed } });
    const [limit] = plan.diagnostics.filter((d) => d.code === "mpaas-scheduled-task-limit");
    expect(limit!.message).toMatch(
      /: 90 already scheduled on the provider \(by push or not\) and 11 to create; mPaaS allows at most 100 per app\. To create, by campaign: weekly-big \(5\), m00 \(1\), m01 \(1\), m02 \(1\), m03 \(1\), m04 \(1\), m05 \(1\)$/,
    );
  });
});
