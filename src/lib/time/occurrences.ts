import type { Weekday } from "../../model/campaign.js";
import type { LoopSpec, OccurrenceWindow } from "./api.js";
import { DAY_MS, dayOfMonth, parseDate, parseTimeOfDay, weekday } from "./calendar.js";
import { zonedInstant } from "./offsets.js";

const WEEKDAYS: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** Which local days (epoch days) carry a run of the loop. */
function dayMatcher(loop: Pick<LoopSpec, "every" | "on">): (day: number) => boolean {
  switch (loop.every) {
    case "day":
      return () => true;
    case "week": {
      const days = new Set((loop.on ?? []).map((d) => (typeof d === "number" ? d : WEEKDAYS[d])));
      return (day) => days.has(weekday(day));
    }
    case "month": {
      const days = new Set(loop.on ?? []);
      return (day) => days.has(dayOfMonth(day));
    }
  }
}

/** A date or time a loop names, read as the schema already checked it; anything else is push's own mistake. */
function must(value: number | null, text: string): number {
  if (value === null) throw new Error(`internal error: "${text}" reached the loop arithmetic unchecked`);
  return value;
}

/** Every run of the loop between two local days (inclusive), as instants, ascending. */
function runsBetween(loop: LoopSpec, zone: string, first: number, last: number): number[] {
  const seconds = must(parseTimeOfDay(loop.time), loop.time);
  const matches = dayMatcher(loop);
  const runs: number[] = [];
  for (let day = first; day <= last; day++) if (matches(day)) runs.push(zonedInstant(day, seconds, zone));
  return runs;
}

/** The runs of a loop within [start, end], ascending (the days around them only). */
export function runsWithin(loop: LoopSpec, zone: string, start: number, end: number): number[] {
  const from = must(parseDate(loop.from), loop.from);
  const until = loop.until ? must(parseDate(loop.until), loop.until) : Number.POSITIVE_INFINITY;
  const first = Math.max(from, Math.floor(start / DAY_MS) - 2);
  const last = Math.min(until, Math.floor(end / DAY_MS) + 2);
  return first <= last ? runsBetween(loop, zone, first, last).filter((t) => t >= start && t <= end) : [];
}

/** All runs of a loop with an end. */
export function allRuns(loop: LoopSpec & { until: string }, zone: string): number[] {
  return runsBetween(loop, zone, must(parseDate(loop.from), loop.from), must(parseDate(loop.until), loop.until));
}

/**
 * Runs of the loop split around [windowStart, windowEnd]. Only the days near the window are enumerated; the
 * count of later runs walks the remaining days once (bounded by `until`).
 */
export function occurrences(loop: LoopSpec, zone: string, windowStart: number, windowEnd: number): OccurrenceWindow {
  const from = must(parseDate(loop.from), loop.from);
  const until = loop.until ? must(parseDate(loop.until), loop.until) : null;
  // A day's run lies within a day and a bit of the day's UTC midnight in any zone: pad by two days.
  const scanFrom = Math.max(from, Math.floor(windowStart / DAY_MS) - 2);
  const windowLast = Math.floor(windowEnd / DAY_MS) + 2;
  const scanTo = until !== null ? Math.min(until, windowLast) : windowLast;
  const near = scanFrom <= scanTo ? runsBetween(loop, zone, scanFrom, scanTo) : [];
  const within = near.filter((t) => t >= windowStart && t <= windowEnd);
  let later: number | null = null;
  let nextLater: number | null = near.find((t) => t > windowEnd) ?? null;
  const afterScan = scanTo + 1;
  if (until !== null) {
    const rest = afterScan <= until ? runsBetween(loop, zone, Math.max(afterScan, from), until) : [];
    later = near.filter((t) => t > windowEnd).length + rest.length;
    nextLater ??= rest[0] ?? null;
  } else if (nextLater === null) {
    // Open-ended: look ahead up to 62 days after the window for the next run (a monthly day 31 may skip a month).
    nextLater = runsBetween(loop, zone, Math.max(afterScan, from), afterScan + 62)[0] ?? null;
  }
  return { within, later, nextLater };
}
