import { Temporal } from "temporal-polyfill";
import type { AtResult } from "./api.js";
import { isValidZone } from "./zones.js";

const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** `at` with Z or an offset is an instant; otherwise a local date-time in `zone` (Temporal `compatible`). */
export function resolveAt(at: string, zone: string): AtResult {
  try {
    if (WITH_ZONE.test(at)) return { ok: true, epochMs: Temporal.Instant.from(at).epochMilliseconds };
    if (LOCAL.test(at)) {
      if (!isValidZone(zone)) return { ok: false, reason: `"${zone}" is not an IANA time zone` };
      const local = Temporal.PlainDateTime.from(at);
      return { ok: true, epochMs: local.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds };
    }
  } catch (cause) {
    return { ok: false, reason: `"${at}" is not a valid date-time (${cause instanceof Error ? cause.message : String(cause)})` };
  }
  return { ok: false, reason: `"${at}" is not an ISO-8601 date-time with seconds precision (e.g. 2026-06-19T12:00:00Z or 2026-06-19T20:00:00)` };
}

/** UTC `yyyy-MM-ddTHH:mm:ssZ`, the providers' time format. */
export function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
