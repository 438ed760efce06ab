import type { Temporal } from "temporal-polyfill";
import { temporal } from "./temporal.js";

export { isIanaZone as isValidZone } from "../../model/zone.js";

/** The local calendar date `YYYY-MM-DD` of an instant in a zone. */
export function localDate(epochMs: number, zone: string): string {
  return temporal().Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** 00:00 of a local date in a zone (a day starting in a DST gap starts at the gap's end). */
export function startOfDay(date: string, zone: string): number {
  return temporal().PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

/** A local date-time in a zone; skipped times move forward by the gap, repeated ones take the earlier instant. */
export function localToInstant(date: Temporal.PlainDate, time: Temporal.PlainTime, zone: string): number {
  return date.toPlainDateTime(time).toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;
}

/** `HH:mm` or `HH:mm:ss` -> PlainTime. */
export function parseTime(time: string): Temporal.PlainTime {
  return temporal().PlainTime.from(time.length === 5 ? `${time}:00` : time);
}
