import type { Temporal } from "temporal-polyfill";
import { temporal } from "./temporal.js";

import { suggest } from "../../diagnostics/suggest.js";
import { ICU_LEGACY_ZONE } from "../../model/zone.js";

export { isIanaZone as isValidZone } from "../../model/zone.js";

const EXAMPLES = "IANA names are Area/City: America/Los_Angeles, Asia/Shanghai, Europe/London, or UTC";

/**
 * How to fix a zone name that is not IANA: for an old abbreviation, the zone ICU reads it as (PST:
 * America/Los_Angeles); else the closest IANA name (Asia/Shangai: Asia/Shanghai); always examples.
 */
export function unknownZoneHint(zone: string): string {
  if (ICU_LEGACY_ZONE.test(zone)) {
    const meant = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return `did you mean \`${meant}\`? ${zone.toUpperCase()} is an abbreviation, not a zone (and abbreviations are ambiguous: CST is also China's Asia/Shanghai); ${EXAMPLES}`;
  }
  // supportedValuesOf lists canonical zones only, without `UTC`.
  const near = suggest(zone, [...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return near ? `did you mean \`${near}\`? ${EXAMPLES}` : EXAMPLES;
}

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
