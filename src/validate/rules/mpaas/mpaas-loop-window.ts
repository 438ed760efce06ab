import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import { localDate, resolveAt } from "../../../lib/time/index.js";
import type { Rule } from "../rule.js";

/** mPaaS seed, StrategyContent: the loop end at most 180 days after the current day; end not before start. */
const MPAAS_LOOP_MAX_DAYS_AHEAD = 180;

const DAY = 86_400_000;

export const rule: Rule = {
  code: "mpaas-loop-window",
  provider: "mpaas",
  check({ campaign, app, now, defaultTimezone }) {
    const schedule = campaign.schedule;
    if (!schedule?.every || app.provider !== "mpaas") return [];
    const found: Diagnostic[] = [];
    for (const key of ["from", "until"] as const) {
      if (!schedule[key])
        found.push(
          error(this.code, `an mPaaS loop needs schedule.${key} (its ${key === "from" ? "first" : "last"} day)`, {
            pointer: "/schedule",
            hint: `add ${key}: YYYY-MM-DD`,
          }),
        );
    }
    if (!schedule.from || !schedule.until) return found;
    if (schedule.until < schedule.from) {
      found.push(
        error(this.code, `schedule.until ${schedule.until} is before schedule.from ${schedule.from}`, {
          pointer: "/schedule/until",
          hint: "the last day must not be before the first",
        }),
      );
      return found;
    }
    // The 180 days count to the compiled endTime: the last run's day in the provider's zone.
    const zone = schedule.timezone ?? defaultTimezone;
    const last = resolveAt(`${schedule.until}T${schedule.time?.length === 5 ? `${schedule.time}:00` : (schedule.time ?? "00:00:00")}`, zone);
    if (!last.ok) return found;
    const today = localDate(now, app.providerTimezone);
    const endDay = localDate(last.epochMs, app.providerTimezone);
    const days = Math.round((Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
    if (days > MPAAS_LOOP_MAX_DAYS_AHEAD) {
      found.push(
        error(
          this.code,
          `the loop ends on ${endDay} (${app.providerTimezone}), ${days} days after today ${today}; mPaaS allows at most ${MPAAS_LOOP_MAX_DAYS_AHEAD}`,
          {
            pointer: "/schedule/until",
            hint: "end the loop earlier, and extend it by a later change once the window reaches it",
          },
        ),
      );
    }
    return found;
  },
};
