/**
 * The time module's types (implemented by the files beside this one; re-exported from `./index.ts`).
 * All instants are epoch milliseconds (UTC); zones are IANA names. Pure functions: the clock is a parameter.
 */
import type { Weekday } from "../../model/campaign.js";
import type { FixedStrategyContent, LoopStrategyContent } from "../../model/task.js";

export interface LoopSpec {
  every: "day" | "week" | "month";
  /** Weekdays for `week`; days of month 1..31 for `month`; absent for `day`. */
  on?: Array<Weekday | number>;
  /** `HH:mm:ss` or `HH:mm`, local time in the loop's zone. */
  time: string;
  /** First local day `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last local day `YYYY-MM-DD`, inclusive; absent: no end (EMAS only). */
  until?: string;
}

export type AtResult = { ok: true; epochMs: number } | { ok: false; reason: string };

/** One mPaaS StrategyContent, in the provider's zone, with the instants of a loop's first and last run. */
export type MpaasStrategy =
  | ({
      kind: "loop";
      /** Instants of the first and last run (for sendAt and the 180-day rule). */
      firstRun: number;
      lastRun: number;
    } & LoopStrategyContent)
  | ({ kind: "fixed" } & FixedStrategyContent);

export interface OccurrenceWindow {
  /** Occurrences with windowStart <= t <= windowEnd, ascending. */
  within: number[];
  /** Count after windowEnd up to `until`; null when the loop has no end. */
  later: number | null;
  /** First occurrence after windowEnd, or null. */
  nextLater: number | null;
}
