import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Campaign, Schedule } from "../model/campaign.js";
import type { DeferredOccurrences } from "../model/task.js";
import { EMAS_SCHEDULE_WINDOW_MS } from "../providers/emas/limits.js";
import { formatUtc, isValidZone, localDate, occurrences, resolveAt, unknownZoneHint, type LoopSpec } from "../lib/time/index.js";

export function scheduleZone(schedule: Schedule | undefined, defaultTimezone: string): string {
  return schedule?.timezone ?? defaultTimezone;
}

export function loopSpec(schedule: Schedule, from: string): LoopSpec {
  return {
    every: schedule.every!,
    time: schedule.time!,
    from: schedule.from ?? from,
    ...(schedule.on ? { on: schedule.on } : {}),
    ...(schedule.until ? { until: schedule.until } : {}),
  };
}

export interface SendTimes {
  /** Instants to create tasks for (null: sent when applied). */
  within: Array<number | null>;
  recurring: boolean;
  deferred: DeferredOccurrences | null;
  diagnostics: Diagnostic[];
}

export function checkZone(schedule: Schedule | undefined, zone: string): Diagnostic[] {
  if (isValidZone(zone)) return [];
  return [
    error("schedule-timezone", `schedule.timezone: unknown time zone "${zone}"`, {
      pointer: schedule?.timezone ? "/schedule/timezone" : "/schedule",
      hint: unknownZoneHint(zone),
    }),
  ];
}

/** EMAS send instants within the 7-day window of `now` (a one-off `at`, or each loop occurrence); later ones are deferred. */
export function emasSendTimes(campaign: Campaign, now: number, defaultTimezone: string): SendTimes {
  const schedule = campaign.schedule;
  if (!schedule) return { within: [null], recurring: false, deferred: null, diagnostics: [] };
  const zone = scheduleZone(schedule, defaultTimezone);
  const zoneProblems = checkZone(schedule, zone);
  if (zoneProblems.length) return { within: [], recurring: false, deferred: null, diagnostics: zoneProblems };
  if (schedule.at !== undefined) {
    const at = resolveAt(schedule.at, zone);
    if (!at.ok)
      return {
        within: [],
        recurring: false,
        deferred: null,
        diagnostics: [
          error("schedule-time", `schedule.at: ${at.reason}`, {
            pointer: "/schedule/at",
            hint: "write 2026-06-19T12:00:00Z, or a local time 2026-06-19T20:00:00 with timezone",
          }),
        ],
      };
    if (at.epochMs > now + EMAS_SCHEDULE_WINDOW_MS)
      return { within: [], recurring: false, deferred: { campaign: campaign.id, oneOff: true, count: 1, next: formatUtc(at.epochMs) }, diagnostics: [] };
    return { within: [at.epochMs], recurring: false, deferred: null, diagnostics: [] };
  }
  // EMAS has no loops: each occurrence in the window is its own SCHEDULED_PUSH; later ones are deferred.
  const window = occurrences(loopSpec(schedule, localDate(now, zone)), zone, now, now + EMAS_SCHEDULE_WINDOW_MS);
  const deferred: DeferredOccurrences | null =
    window.later === 0 && window.nextLater === null
      ? null
      : { campaign: campaign.id, count: window.later, next: window.nextLater === null ? null : formatUtc(window.nextLater) };
  return { within: window.within, recurring: true, deferred, diagnostics: [] };
}
