/**
 * The integer calendar and the zone-offset tables (src/lib/time/calendar.ts, offsets.ts) against Temporal, the
 * reference: the same instants, days and offsets for random days and times in zones with DST gaps and overlaps
 * (New York, London), half-hour offsets and half-hour DST (Lord Howe), no DST (Shanghai), the southern hemisphere
 * and ones that changed their rules (Sao Paulo, Casablanca).
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { civilDate, DAY_MS, epochDay, formatDate, formatTimeOfDay, parseDate, parseTimeOfDay, weekday } from "../../../src/lib/time/calendar.js";
import { localDay, localSeconds, offsetAt, zonedInstant } from "../../../src/lib/time/offsets.js";

const ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai", "America/Sao_Paulo", "Africa/Casablanca", "Asia/Kathmandu", "UTC"];
const zone = fc.constantFrom(...ZONES);
/** 1971..2099: the dates campaigns use, and decades of rule changes. */
const day = fc.integer({ min: epochDay(1971, 1, 1), max: epochDay(2099, 12, 31) });
const seconds = fc.integer({ min: 0, max: 86_399 });
const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) });

const plainDate = (d: number) => Temporal.PlainDate.from(formatDate(d));
const plainTime = (s: number) => Temporal.PlainTime.from(formatTimeOfDay(s));

describe("the integer calendar", () => {
  it("is Temporal's proleptic Gregorian calendar: dates, weekdays and their text", () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDay(1, 1, 1), max: epochDay(9999, 12, 31) }), (d) => {
        const reference = Temporal.PlainDate.from("1970-01-01").add({ days: d });
        expect(civilDate(d)).toEqual({ year: reference.year, month: reference.month, day: reference.day });
        expect(weekday(d)).toBe(reference.dayOfWeek);
        expect(formatDate(d)).toBe(reference.toString());
        expect(parseDate(reference.toString())).toBe(d);
        expect(epochDay(reference.year, reference.month, reference.day)).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });
  it("refuses dates and times that do not exist", () => {
    expect(parseDate("2026-02-29")).toBeNull();
    expect(parseDate("2028-02-29")).toBe(epochDay(2028, 2, 29));
    expect(parseDate("2026-13-01")).toBeNull();
    expect(parseDate("2026-6-1")).toBeNull();
    expect(parseTimeOfDay("24:00")).toBeNull();
    expect(parseTimeOfDay("23:59:60")).toBeNull();
    expect(parseTimeOfDay("07:05")).toBe(7 * 3600 + 5 * 60);
    expect(formatTimeOfDay(7 * 3600 + 5 * 60 + 9)).toBe("07:05:09");
  });
});

describe("zone offsets from the tables", () => {
  it("give Temporal's instant for every local day and time (compatible: gaps forward, overlaps earlier)", () => {
    fc.assert(
      fc.property(zone, day, seconds, (z, d, s) => {
        const reference = plainDate(d).toPlainDateTime(plainTime(s)).toZonedDateTime(z, { disambiguation: "compatible" }).epochMilliseconds;
        expect(zonedInstant(d, s, z)).toBe(reference);
      }),
      { numRuns: 4000 },
    );
  });
  it("give Temporal's local day, time and offset of every instant", () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        const reference = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(z);
        expect(offsetAt(z, ms)).toBe(reference.offsetNanoseconds / 1e6);
        expect(formatDate(localDay(ms, z))).toBe(reference.toPlainDate().toString());
        expect(formatTimeOfDay(localSeconds(ms, z))).toBe(reference.toPlainTime().toString({ smallestUnit: "second" }));
      }),
      { numRuns: 4000 },
    );
  });
  it("are exact around each transition: the second before and the second of it", () => {
    const cases: Array<[string, string, number, number]> = [
      // zone, the transition, offset before, offset after (hours)
      ["America/New_York", "2026-03-08T07:00:00Z", -5, -4],
      ["America/New_York", "2026-11-01T06:00:00Z", -4, -5],
      ["Europe/London", "2026-03-29T01:00:00Z", 0, 1],
      ["Australia/Lord_Howe", "2026-04-04T15:00:00Z", 11, 10.5],
      ["Australia/Lord_Howe", "2026-10-03T15:30:00Z", 10.5, 11],
    ];
    for (const [z, at, before, after] of cases) {
      const t = Date.parse(at);
      expect(offsetAt(z, t - 1000), `${z} before ${at}`).toBe(before * 3_600_000);
      expect(offsetAt(z, t), `${z} at ${at}`).toBe(after * 3_600_000);
    }
    // New York's skipped 02:30 is 03:30 daylight time; its repeated 01:30 the first one.
    expect(zonedInstant(epochDay(2026, 3, 8), 2.5 * 3600, "America/New_York")).toBe(Date.parse("2026-03-08T03:30:00-04:00"));
    expect(zonedInstant(epochDay(2026, 11, 1), 1.5 * 3600, "America/New_York")).toBe(Date.parse("2026-11-01T01:30:00-04:00"));
    expect(localDay(Date.parse("2026-06-19T16:00:00Z"), "Asia/Shanghai")).toBe(epochDay(2026, 6, 20));
    expect(Math.floor(Date.parse("2026-06-19T16:00:00Z") / DAY_MS)).toBe(epochDay(2026, 6, 19));
  });
});
