/**
 * UTC offsets of IANA zones, from Intl once per zone and span, then from a table: each span of 32 days keeps
 * the offset it starts with and its transitions (found by sampling every UTC midnight and bisecting to the
 * second where the offset changes). Turning a local day and time into an instant, and an instant into a local
 * day, then costs a few integer operations instead of Temporal objects. Temporal's rules are kept exactly:
 * `compatible` disambiguation (a skipped time moves forward by the gap, a repeated one takes the earlier instant),
 * which test/lib/time-fast.test.ts checks against Temporal itself.
 */
import { DAY_MS } from "./calendar.js";

/** A campaign's dates cluster in a few weeks: a month's span samples 32 days where a year would sample 365. */
const SPAN_MS = 32 * DAY_MS;

interface Span {
  /** The instants, ascending, at which the offset changes within the span. */
  at: number[];
  /** `offsets[i]` holds before `at[i]` (and after `at[i - 1]`); the last one after the last transition. */
  offsets: number[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const spans = new Map<string, Map<number, Span>>();
const WALL = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The offset (ms) Intl gives a zone at an instant: the wall clock read back as if it were UTC, less the instant. */
function intlOffset(zone: string, ms: number): number {
  let format = formatters.get(zone);
  if (!format) {
    const options = {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    };
    format = new Intl.DateTimeFormat("en-US", options as Intl.DateTimeFormatOptions);
    formatters.set(zone, format);
  }
  const second = Math.floor(ms / 1000) * 1000;
  const m = WALL.exec(format.format(second));
  if (!m) throw new Error(`internal error: Intl wrote ${format.format(second)} for ${zone}`);
  return Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) - second;
}

/** The first second in (from, to] at which the offset is no longer `before` (one change in between). */
function transition(zone: string, from: number, to: number, before: number): number {
  let lo = from;
  let hi = to;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (intlOffset(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function spanOf(zone: string, index: number): Span {
  let byIndex = spans.get(zone);
  if (!byIndex) spans.set(zone, (byIndex = new Map()));
  let span = byIndex.get(index);
  if (span) return span;
  const start = index * SPAN_MS;
  span = { at: [], offsets: [intlOffset(zone, start)] };
  for (let day = start; day < start + SPAN_MS; day += DAY_MS) {
    const before = span.offsets[span.offsets.length - 1]!;
    const after = intlOffset(zone, day + DAY_MS);
    if (after === before) continue;
    const at = transition(zone, day, day + DAY_MS, before);
    // Two changes within one day (none in the IANA data since 1970 is known): the later one wins from its second.
    span.at.push(at);
    span.offsets.push(intlOffset(zone, at));
    if (span.offsets[span.offsets.length - 1] !== after) {
      span.at.push(transition(zone, at, day + DAY_MS, span.offsets[span.offsets.length - 1]!));
      span.offsets.push(after);
    }
  }
  byIndex.set(index, span);
  return span;
}

/** The zone's UTC offset at an instant, in milliseconds (east of Greenwich positive). */
export function offsetAt(zone: string, ms: number): number {
  if (zone === "UTC") return 0;
  const span = spanOf(zone, Math.floor(ms / SPAN_MS));
  let i = 0;
  while (i < span.at.length && ms >= span.at[i]!) i++;
  return span.offsets[i]!;
}

/** The epoch day an instant falls on in a zone. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + offsetAt(zone, ms)) / DAY_MS);
}

/** The seconds since local midnight of an instant in a zone. */
export function localSeconds(ms: number, zone: string): number {
  const local = ms + offsetAt(zone, ms);
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / 1000);
}

/**
 * The instant of a local day and time in a zone, as Temporal's `compatible` reads it: a time the zone skips moves
 * forward by the gap; a time it repeats takes the earlier instant.
 */
export function zonedInstant(day: number, seconds: number, zone: string): number {
  const local = day * DAY_MS + seconds * 1000;
  const before = offsetAt(zone, local - DAY_MS);
  const after = offsetAt(zone, local + DAY_MS);
  const earlier = local - Math.max(before, after);
  const later = local - Math.min(before, after);
  if (offsetAt(zone, earlier) === local - earlier) return earlier;
  if (offsetAt(zone, later) === local - later) return later;
  return local - before; // in a gap: forward by its length
}
