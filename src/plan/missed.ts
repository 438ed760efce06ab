/**
 * Sends that no apply will make any more, and when the next apply is due (issue 12, item 6). A provider that takes
 * sends only so far ahead (EMAS: 7 days) gets a loop's later runs from later applies: a run whose time came before
 * any apply created it is missed, and said so (`missed-send`) rather than skipped without a word. Pure.
 */
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { formatUtc, localDate, runsWithin } from "../lib/time/index.js";
import type { CampaignInfo } from "../model/campaign.js";
import type { Plan } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import type { DeferredOccurrences } from "../model/task.js";
import { behaviourOf } from "../providers/behaviour.js";
import { loopSpec } from "../compile/schedule.js";
import type { Located } from "./located.js";

/** How far back a plan looks for missed runs: each plan reports those of the month before it. */
const LOOKBACK_MS = 31 * 86_400_000;

/**
 * The runs of each loop in the month before `now` that were never created, though the loop was live then (state
 * holds an earlier run of it): each a warning naming the run in UTC and in the campaign's zone.
 */
export function missedSends(campaigns: CampaignInfo[], snapshot: StateSnapshot, now: number, located: Located): Diagnostic[] {
  const sent = new Map<string, string[]>();
  for (const record of Object.values(snapshot.tasks)) if (record.sendAt) sent.set(record.campaign, [...(sent.get(record.campaign) ?? []), record.sendAt]);
  const out: Diagnostic[] = [];
  for (const campaign of campaigns) {
    const horizon = behaviourOf(campaign).scheduleHorizonMs;
    const recorded = sent.get(campaign.id);
    if (!campaign.loop || horizon === null || !recorded?.length) continue;
    const first = Math.min(...recorded.map(Date.parse));
    const spec = loopSpec(campaign.loop, localDate(now, campaign.timezone));
    for (const run of runsWithin(spec, campaign.timezone, Math.max(now - LOOKBACK_MS, first), now - 1).map(formatUtc)) {
      if (recorded.includes(run)) continue;
      const local = new Intl.DateTimeFormat("sv-SE", { timeZone: campaign.timezone, dateStyle: "short", timeStyle: "short" }).format(new Date(run));
      out.push(
        warning(
          "missed-send",
          `${campaign.id}: its run of ${run} (${local} ${campaign.timezone}) was never sent: no apply ran while it was within the provider's ${horizon / 86_400_000}-day scheduling window`,
          {
            ...located(campaign, "/schedule/every"),
            hint: `run push apply at least every ${horizon / 86_400_000} days (a scheduled workflow): a loop's later runs are created by later applies, and a missed run is not sent late`,
          },
        ),
      );
    }
  }
  return out;
}

/** The latest time the next apply must run for the deferred sends the plan knows of: the first of them, or null. */
export function applyBy(deferred: Plan["deferred"], occurrences: DeferredOccurrences[]): string | null {
  const times = [...deferred.map((d) => d.sendAt), ...occurrences.flatMap((d) => (d.next ? [d.next] : []))];
  return times.sort()[0] ?? null;
}
