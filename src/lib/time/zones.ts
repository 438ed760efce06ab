import { formatDate, parseDate } from "./calendar.js";
import { localDay, zonedInstant } from "./offsets.js";

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
  return formatDate(localDay(epochMs, zone));
}

/** 00:00 of a local date `YYYY-MM-DD` in a zone (a day starting in a DST gap starts at the gap's end). */
export function startOfDay(date: string, zone: string): number {
  const day = parseDate(date);
  if (day === null) throw new Error(`internal error: startOfDay of "${date}", not a date YYYY-MM-DD`);
  return zonedInstant(day, 0, zone);
}
