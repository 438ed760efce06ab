import { describe, expect, it } from "vitest";
import { compileProject } from "../../src/compile/index.js";
import type { Campaign } from "../../src/model/campaign.js";
import { APPS } from "../compile/support.js";
import { emulatorAt, keys, mpaasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const MPAAS = { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } as const;
const campaigns = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => mpaasAt(`${prefix}${i + 1}`, "2026-06-04T10:00:00Z")).join("---\n");

describe("the mPaaS limit of 100 pending scheduled or loop tasks per app", () => {
  it("counts the tasks already scheduled on the provider, made outside push, and sends nothing past it", async () => {
    const { emulator, providers } = await emulatorAt(NOW);
    const outside: Campaign[] = Array.from({ length: 50 }, (_, i) => ({
      id: `x${i}`,
      app: "wallet",
      target: { users: [`u${i}`] },
      notification: { title: "t", body: "b" },
      schedule: { at: "2026-06-04T10:00:00Z" },
    }));
    const { tasks } = compileProject(
      outside.map((campaign, i) => ({ campaign, source: { file: "x.yaml", document: i, line: 1 } })),
      { apps: APPS, now: Date.parse(NOW), defaultTimezone: "UTC", audienceFiles: {} },
    );
    for (const task of tasks) await providers.mpaas.submit({ task });

    const p = planProject({ "campaigns/y.yaml": campaigns("y", 60) }, { endpoint: emulator.url, env: keys(emulator) });
    const plan = await p.push(NOW, "plan");
    expect(plan.code).toBe(1);
    // y51 is the first past the limit: document 51 of 5 lines each (and a `---`), its schedule on line 6·50 + 5.
    expect(plan.stderr).toContain(
      'campaigns/y.yaml:305:11: error[mpaas-scheduled-task-limit]: app "wallet" would have 110 unexecuted scheduled or loop tasks: 50 already scheduled on the provider (by push or not) and 60 to create; mPaaS allows at most 100 per app',
    );
    expect((await p.push(NOW, "apply", "--auto-approve")).code).toBe(1);
    const listed = await providers.mpaas.listScheduled({ appRef: MPAAS, from: NOW, to: "2026-06-07T00:00:00Z" });
    expect(listed.tasks).toHaveLength(50);

    p.write("campaigns/y.yaml", campaigns("y", 50));
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("Apply complete: 50 created");
  });
});
