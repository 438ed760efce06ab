/**
 * Blast radius (issue 14, item 4): who a plan's sends reach, per campaign (ids, requests), a broadcast called out,
 * and the devices and users who would get more than the config's `frequencyCap` pushes of one app within its
 * window, across campaigns. Over every send the project makes of an app (the plan's and the unchanged ones), so
 * that a new campaign is weighed with what is already scheduled. Pure; linear in the ids.
 */
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedApp } from "../model/app.js";
import type { Operation } from "../model/plan.js";
import type { CompiledTask } from "../model/task.js";
import { behaviourOf } from "../providers/behaviour.js";
import { providerZone, sendTimes } from "../providers/mpaas/loop.js";

export interface FrequencyCap {
  max: number;
  /** The window in seconds. */
  perSeconds: number;
}

/** Who one campaign's tasks reach together: its distinct ids and their noun (`device id`), a tag, or everyone. */
export interface CampaignReach {
  /** Distinct ids across its batches and platforms; null: everyone or a tag. */
  ids: number | null;
  /** The ids' noun, singular (`device id`, `user id`); `everyone`; or `tag`. */
  who: string;
  /** The tag, when `who` is `tag`. */
  tag?: string;
  /** The platforms it reaches, in words. */
  platforms: string;
}

/** The one reading of who a campaign reaches: the plan's reach, the comment's line and the preview's audience. */
export function campaignReach(tasks: CompiledTask[]): CampaignReach {
  const reach = tasks.map((t) => behaviourOf(t).reach(t));
  const platforms = [...new Set(reach.map((r) => r.platforms))].join(", ");
  const targets = reach.map((r) => r.target);
  const whole = targets.find((t) => t.kind === "all" || t.kind === "tag");
  if (whole?.kind === "all") return { ids: null, who: "everyone", platforms };
  if (whole?.kind === "tag") return { ids: null, who: "tag", tag: whole.tag, platforms };
  const ids = new Set(targets.flatMap((t) => (t.kind === "ids" ? t.ids : [])));
  const named = targets.find((t) => t.kind === "ids");
  return { ids: ids.size, who: named?.kind === "ids" ? named.noun : "target", platforms };
}

export interface Reach {
  campaign: string;
  /** Distinct ids the campaign's sends reach; null: everyone or a tag. */
  ids: number | null;
  /** The ids' noun, singular (`device id`, `user id`), or `everyone` / `tag`. */
  who: string;
  requests: number;
}

/** Per campaign the plan creates or replaces tasks of: who it reaches and in how many requests. */
export function reachOf(operations: Operation[]): Reach[] {
  const byCampaign = new Map<string, CompiledTask[]>();
  for (const op of operations)
    if (op.kind === "create" || op.kind === "replace") byCampaign.set(op.task.campaign, [...(byCampaign.get(op.task.campaign) ?? []), op.task]);
  return [...byCampaign].map(([campaign, tasks]) => {
    const { ids, who } = campaignReach(tasks);
    return { campaign, ids, who, requests: tasks.length };
  });
}

/** A warning for each broadcast: a send to everyone, named first in the plan. */
export function broadcasts(reach: Reach[]): Diagnostic[] {
  return reach
    .filter((r) => r.who === "everyone")
    .map((r) =>
      warning("broadcast", `${r.campaign} sends to everyone of its app`, { hint: "check the target: a broadcast reaches every device that installed the app" }),
    );
}

/**
 * The ids that would get more than `cap.max` sends of one app within `cap.perSeconds`, with the campaigns that
 * overlap; one warning per app. `tasks`: every task the project will have sent or scheduled (the plan's and the
 * unchanged ones); `now`: sends before it are left out.
 */
export function frequencyCapped(tasks: CompiledTask[], apps: Record<string, ResolvedApp>, cap: FrequencyCap, now: number): Diagnostic[] {
  const byApp = new Map<string, Map<string, Array<{ at: number; campaign: string }>>>();
  for (const task of tasks) {
    const target = behaviourOf(task).reach(task).target;
    if (target.kind !== "ids") continue;
    const times = task.sendAt === null ? [now] : sendTimes(task, providerZone(apps, task.app)).filter((t) => t >= now);
    let ids = byApp.get(task.app);
    if (!ids) byApp.set(task.app, (ids = new Map()));
    for (const id of target.ids) {
      let sends = ids.get(id);
      if (!sends) ids.set(id, (sends = []));
      for (const at of times) sends.push({ at, campaign: task.campaign });
    }
  }
  const out: Diagnostic[] = [];
  for (const [app, ids] of byApp) {
    let over = 0;
    const campaigns = new Set<string>();
    for (const sends of ids.values()) {
      if (sends.length <= cap.max) continue;
      sends.sort((a, b) => a.at - b.at);
      for (let i = cap.max; i < sends.length; i++) {
        if (sends[i]!.at - sends[i - cap.max]!.at > cap.perSeconds * 1000) continue;
        over++;
        for (const s of sends.slice(i - cap.max, i + 1)) campaigns.add(s.campaign);
        break;
      }
    }
    if (over)
      out.push(
        warning(
          "frequency-cap",
          `app ${app}: ${over.toLocaleString("en-US")} recipient(s) would get more than ${cap.max} pushes within ${cap.perSeconds / 3600} h, from ${[...campaigns].sort().join(", ")}`,
          { hint: "space the campaigns out, or narrow their audiences (frequencyCap in push.config.ts sets the limit)" },
        ),
      );
  }
  return out;
}
