import { compileProject } from "../../src/compile/index.js";
import type { Campaign, CampaignInfo } from "../../src/model/campaign.js";
import type { RunEnvironment } from "../../src/model/plan.js";
import { emptySnapshot, type StateSnapshot } from "../../src/model/state.js";
import { makePlan, type PlanInput } from "../../src/plan/make.js";
import type { RefreshResult } from "../../src/refresh/refresh.js";
import { APPS } from "../compile/support.js";

/** The run's environment of these tests: the config without --env, on the embedded emulator. */
export const LOCAL: RunEnvironment = { name: null, endpoint: "local", region: "cn-hangzhou" };

/** A refresh that saw nothing: no drift, nothing scheduled outside push. */
export const NOTHING_LISTED: RefreshResult = { observed: {}, drift: [], unmanaged: [], scheduled: [], unrecorded: [], calls: 0, diagnostics: [] };

/** Campaigns compiled as if each stood in `c.yaml` at its own line (document i at line 10·i + 1). */
export function compiled(campaigns: Campaign[], now: number, file = "c.yaml") {
  const sources = campaigns.map((campaign, i) => ({ campaign, source: { file, document: i, line: 10 * i + 1 } }));
  const { tasks, deferred, diagnostics } = compileProject(sources, { apps: APPS, now, defaultTimezone: "Asia/Shanghai", audienceFiles: {} });
  const info: CampaignInfo[] = sources.map(({ campaign, source }) => ({
    id: campaign.id,
    app: campaign.app,
    provider: APPS[campaign.app]!.provider,
    timezone: campaign.schedule?.timezone ?? "Asia/Shanghai",
    protect: campaign.protect === true,
    source: { file: source.file, line: source.line },
  }));
  return { tasks, deferred, campaigns: info, diagnostics };
}

/** makePlan over compiled campaigns, with positions left where the plan puts them. */
export function planFor(campaigns: Campaign[], now: number, over: Partial<PlanInput> & { snapshot?: StateSnapshot } = {}) {
  const { tasks, deferred, campaigns: info } = compiled(campaigns, now);
  return makePlan({
    tasks,
    deferred,
    campaigns: info,
    apps: APPS,
    snapshot: emptySnapshot("l"),
    refresh: NOTHING_LISTED,
    now,
    environment: LOCAL,
    locate: (d) => d,
    ...over,
  });
}
