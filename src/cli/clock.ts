import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseInstant } from "../lib/time/instant.js";

/**
 * The clock of a run: `--now`, else `PUSH_NOW`, else the config's `now` (embedded emulator only), else real
 * time. A pinned clock stands still for the whole run, so compile and plan are reproducible.
 */
export function resolveClock(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  configNow: string | null,
): { now: () => number; pinned: boolean; diagnostics: Diagnostic[] } {
  const [source, value] =
    flag !== undefined ? ["--now", flag] : env.PUSH_NOW ? ["PUSH_NOW", env.PUSH_NOW] : configNow ? ["config now", configNow] : [null, null];
  if (source === null || value === null) return { now: () => Date.now(), pinned: false, diagnostics: [] };
  const ms = parseInstant(value);
  if (ms === null) {
    return {
      now: () => Date.now(),
      pinned: false,
      diagnostics: [
        error("clock-format", `${source} "${value}" is not an ISO-8601 instant with a zone`, {
          hint: "e.g. --now 2026-06-19T12:00:00Z or 2026-06-19T20:00:00+08:00",
        }),
      ],
    };
  }
  return { now: () => ms, pinned: true, diagnostics: [] };
}
