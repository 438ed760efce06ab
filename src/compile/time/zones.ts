import { Temporal } from "temporal-polyfill";

const validZones = new Map<string, boolean>();

export function isValidZone(zone: string): boolean {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    try {
      Temporal.Now.instant().toZonedDateTimeISO(zone);
      valid = true;
    } catch {
      valid = false;
    }
    validZones.set(zone, valid);
  }
  return valid;
}

/** The local calendar date `YYYY-MM-DD` of an instant in a zone. */
export function localDate(epochMs: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** 00:00 of a local date in a zone (a day starting in a DST gap starts at the gap's end). */
export function startOfDay(date: string, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

/** A local date-time in a zone; skipped times move forward by the gap, repeated ones take the earlier instant. */
export function localToInstant(date: Temporal.PlainDate, time: Temporal.PlainTime, zone: string): number {
  return date.toPlainDateTime(time).toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;
}

/** `HH:mm` or `HH:mm:ss` -> PlainTime. */
export function parseTime(time: string): Temporal.PlainTime {
  return Temporal.PlainTime.from(time.length === 5 ? `${time}:00` : time);
}
