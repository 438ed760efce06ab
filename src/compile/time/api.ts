/**
 * The time module's contract (implemented by the files beside this one; re-exported from `./index.ts`).
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

export interface TimeApi {
  /** `at` with Z/offset is an instant; otherwise a local date-time in `zone` (Temporal `compatible`). */
  resolveAt(at: string, zone: string): AtResult;
  /** EMAS recurring campaigns: each occurrence of the loop in `zone`, split around a window. */
  occurrences(loop: LoopSpec, zone: string, windowStart: number, windowEnd: number): OccurrenceWindow;
  /** mPaaS: the strategies that reproduce the loop exactly in `providerZone` (day shift, DST split, month ends). */
  mpaasStrategies(loop: LoopSpec, zone: string, providerZone: string): MpaasStrategy[];
  /** The local calendar date `YYYY-MM-DD` of an instant in a zone ("today" for the mPaaS rules). */
  localDate(epochMs: number, zone: string): string;
  /** 00:00 of a local date in a zone, as an instant. */
  startOfDay(date: string, zone: string): number;
  /** Whether `zone` is a valid IANA zone name. */
  isValidZone(zone: string): boolean;
}
