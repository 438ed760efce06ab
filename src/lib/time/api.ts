/**
 * The time module's types (implemented by the files beside this one; re-exported from `./index.ts`).
 * All instants are epoch milliseconds (UTC); zones are IANA names. Pure functions: the clock is a parameter.
 */
import type { Weekday } from "../../model/campaign.js";

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

/** One mPaaS StrategyContent, in the provider's zone. */
export type MpaasStrategy =
  | {
      kind: "loop";
      /** 00:00 of the first day in the provider's zone. */
      startTime: number;
      /** 00:00 of the last day in the provider's zone. */
      endTime: number;
      circleType: 1 | 2 | 3;
      /** Weekly: 1..7 = Monday..Sunday; monthly: 1..31; absent for daily. Sorted ascending. */
      circleValue?: number[];
      /** `HH:mm:ss` in the provider's zone. */
      time: string;
      /** Instants of the first and last run (for sendAt and the 180-day rule). */
      firstRun: number;
      lastRun: number;
    }
  | { kind: "fixed"; fixedTime: number };

export interface OccurrenceWindow {
  /** Occurrences with windowStart <= t <= windowEnd, ascending. */
  within: number[];
  /** Count after windowEnd up to `until`; null when the loop has no end. */
  later: number | null;
  /** First occurrence after windowEnd, or null. */
  nextLater: number | null;
}
