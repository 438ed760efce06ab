import { temporal } from "./temporal.js";
import type { AtResult } from "./api.js";
import { parseDate, parseTimeOfDay } from "./calendar.js";
import { zonedInstant } from "./offsets.js";
import { isValidZone } from "./zones.js";

const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const INSTANT_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common instant (`2026-06-19T12:00:00Z`, `...+08:00`) without Temporal's general parser, which costs more
 * than the rest of a campaign's compile. Anything out of the plain ranges returns null and goes to Temporal,
 * so both paths agree on every input.
 */
function plainInstant(at: string): number | null {
  const m = INSTANT_PARTS.exec(at);
  if (!m) return null;
  const part = (i: number): number => Number(m[i] ?? 0);
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [part(1), part(2), part(3), part(4), part(5), part(6), part(8), part(9)];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(utc).getUTCDate() !== day) return null; // 2026-02-30: Temporal's error message explains it
  return utc - (m[7] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** `at` with Z or an offset is an instant; otherwise a local date-time in `zone` (Temporal `compatible`). */
export function resolveAt(at: string, zone: string): AtResult {
  try {
    if (WITH_ZONE.test(at)) return { ok: true, epochMs: plainInstant(at) ?? temporal().Instant.from(at).epochMilliseconds };
    if (LOCAL.test(at)) {
      if (!isValidZone(zone)) return { ok: false, reason: `"${zone}" is not an IANA time zone` };
      const day = parseDate(at.slice(0, 10));
      const seconds = parseTimeOfDay(at.slice(11));
      if (day !== null && seconds !== null) return { ok: true, epochMs: zonedInstant(day, seconds, zone) };
      // Anything else (2026-02-30T25:00) goes to Temporal, whose message says what is wrong.
      const local = temporal().PlainDateTime.from(at);
      return { ok: true, epochMs: local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds };
    }
  } catch (cause) {
    return { ok: false, reason: `"${at}" is not a valid date-time (${cause instanceof Error ? cause.message : String(cause)})` };
  }
  return { ok: false, reason: `"${at}" is not an ISO-8601 date-time with seconds precision (e.g. 2026-06-19T12:00:00Z or 2026-06-19T20:00:00)` };
}
