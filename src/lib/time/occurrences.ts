import type { Temporal } from "temporal-polyfill";
import { temporal } from "./temporal.js";
import type { Weekday } from "../../model/campaign.js";
import type { LoopSpec, OccurrenceWindow } from "./api.js";
import { localToInstant, parseTime } from "./zones.js";

const WEEKDAYS: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** Whether a local day carries a run of the loop. */
function matchesDay(loop: Pick<LoopSpec, "every" | "on">, date: Temporal.PlainDate): boolean {
  switch (loop.every) {
    case "day":
      return true;
    case "week":
      return (loop.on ?? []).some((d) => (typeof d === "number" ? d : WEEKDAYS[d]) === date.dayOfWeek);
    case "month":
      return (loop.on ?? []).some((d) => d === date.day);
  }
}

/** Every run of the loop between two local days (inclusive), as instants, ascending. */
function runsBetween(loop: LoopSpec, zone: string, first: Temporal.PlainDate, last: Temporal.PlainDate): number[] {
  const time = parseTime(loop.time);
  const runs: number[] = [];
  for (let day = first; temporal().PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
    if (matchesDay(loop, day)) runs.push(localToInstant(day, time, zone));
  }
  return runs;
}

/** All runs of a loop with an end. */
export function allRuns(loop: LoopSpec & { until: string }, zone: string): number[] {
  return runsBetween(loop, zone, temporal().PlainDate.from(loop.from), temporal().PlainDate.from(loop.until));
}

/**
 * Runs of the loop split around [windowStart, windowEnd]. Only the days near the window are enumerated; the
 * count of later runs walks the remaining days once (bounded by `until`).
 */
export function occurrences(loop: LoopSpec, zone: string, windowStart: number, windowEnd: number): OccurrenceWindow {
  const from = temporal().PlainDate.from(loop.from);
  const until = loop.until ? temporal().PlainDate.from(loop.until) : null;
  // A day's run lies within a day and a bit of the day's local midnight in any zone: pad by two days.
  const dayOf = (ms: number) => temporal().Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO("UTC").toPlainDate();
  const max = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (temporal().PlainDate.compare(a, b) >= 0 ? a : b);
  const min = (a: Temporal.PlainDate, b: Temporal.PlainDate) => (temporal().PlainDate.compare(a, b) <= 0 ? a : b);
  const scanFrom = max(from, dayOf(windowStart).subtract({ days: 2 }));
  const windowLast = dayOf(windowEnd).add({ days: 2 });
  const scanTo = until ? min(until, windowLast) : windowLast;
  const near = temporal().PlainDate.compare(scanFrom, scanTo) <= 0 ? runsBetween(loop, zone, scanFrom, scanTo) : [];
  const within = near.filter((t) => t >= windowStart && t <= windowEnd);
  let later: number | null = null;
  let nextLater: number | null = near.find((t) => t > windowEnd) ?? null;
  const afterScan = scanTo.add({ days: 1 });
  if (until) {
    const rest = temporal().PlainDate.compare(afterScan, until) <= 0 ? runsBetween(loop, zone, max(afterScan, from), until) : [];
    const laterNear = near.filter((t) => t > windowEnd);
    later = laterNear.length + rest.length;
    nextLater ??= rest[0] ?? null;
  } else if (nextLater === null) {
    // Open-ended: look ahead up to 31 days after the window for the next run (a monthly day 31 may skip a month).
    const ahead = runsBetween(loop, zone, max(afterScan, from), afterScan.add({ days: 62 }));
    nextLater = ahead[0] ?? null;
  }
  return { within, later, nextLater };
}
