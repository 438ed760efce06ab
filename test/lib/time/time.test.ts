import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { formatUtc, loopRuns, mpaasStrategies, occurrences, resolveAt, allRuns, type LoopSpec } from "../../../src/lib/time/index.js";

const ms = (iso: string) => Date.parse(iso);

describe("resolveAt", () => {
  it("reads instants and local times", () => {
    expect(resolveAt("2025-06-19T12:00:00Z", "America/New_York")).toEqual({ ok: true, epochMs: ms("2025-06-19T12:00:00Z") });
    expect(resolveAt("2026-06-19T20:00:00", "Asia/Shanghai")).toEqual({ ok: true, epochMs: ms("2026-06-19T12:00:00Z") });
    expect(resolveAt("2026-06-19T20:00", "Asia/Shanghai")).toEqual({ ok: true, epochMs: ms("2026-06-19T12:00:00Z") });
  });
  it("moves a skipped local time forward and takes the earlier of a repeated one", () => {
    expect(resolveAt("2026-03-08T02:30:00", "America/New_York")).toEqual({ ok: true, epochMs: ms("2026-03-08T03:30:00-04:00") });
    expect(resolveAt("2026-11-01T01:30:00", "America/New_York")).toEqual({ ok: true, epochMs: ms("2026-11-01T01:30:00-04:00") });
  });
  it("refuses fractional seconds, bad zones and garbage", () => {
    expect(resolveAt("2026-06-19T12:00:00.5Z", "UTC").ok).toBe(false);
    expect(resolveAt("2026-06-19T12:00:00", "Mars/Olympus").ok).toBe(false);
    expect(resolveAt("tomorrow", "UTC").ok).toBe(false);
    expect(resolveAt("2026-02-30T12:00:00", "UTC").ok).toBe(false);
    expect(resolveAt("2026-02-30T12:00:00Z", "UTC").ok).toBe(false);
  });
  it("reads every instant with Z or an offset as Temporal does, in range or not", () => {
    const two = (n: number) => String(n).padStart(2, "0");
    const instant = fc
      .record({
        year: fc.integer({ min: 900, max: 2400 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.option(fc.integer({ min: 0, max: 60 })),
        zone: fc.oneof(
          fc.constant("Z"),
          fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 })).map(([s, h, m]) => `${s}${two(h)}:${two(m)}`),
        ),
      })
      .map(
        (p) =>
          `${String(p.year).padStart(4, "0")}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}${p.second === null ? "" : `:${two(p.second)}`}${p.zone}`,
      );
    fc.assert(
      fc.property(instant, (at) => {
        let expected: number | null;
        try {
          expected = Temporal.Instant.from(at).epochMilliseconds;
        } catch {
          expected = null;
        }
        const got = resolveAt(at, "UTC");
        expect(got.ok ? got.epochMs : null).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("formatUtc", () => {
  it("writes yyyy-MM-ddTHH:mm:ssZ as toISOString does, milliseconds dropped", () => {
    expect(formatUtc(Date.parse("2026-06-19T12:00:00.999Z"))).toBe("2026-06-19T12:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: -62_198_755_200_000, max: 253_402_300_799_999 * 2 }), (ms) => {
        expect(formatUtc(ms)).toBe(new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("mpaasStrategies", () => {
  it("reproduces the mPaaS seed loop (daily 13:45:11 Shanghai, 2021-07-08..2021-08-30)", () => {
    const loop: LoopSpec = { every: "day", time: "13:45:11", from: "2021-07-08", until: "2021-08-30" };
    expect(mpaasStrategies(loop, "Asia/Shanghai", "Asia/Shanghai")).toEqual([
      {
        kind: "loop",
        startTime: 1625673600000,
        endTime: 1630252800000,
        circleType: 1,
        time: "13:45:11",
        firstRun: ms("2021-07-08T13:45:11+08:00"),
        lastRun: ms("2021-08-30T13:45:11+08:00"),
      },
    ]);
  });
  it("shifts a weekly loop whose local time is the next day in Shanghai", () => {
    const loop: LoopSpec = { every: "week", on: ["mon"], time: "20:00", from: "2026-11-09", until: "2026-12-28" };
    const [only, ...rest] = mpaasStrategies(loop, "America/New_York", "Asia/Shanghai");
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: "loop", circleType: 2, circleValue: [2], time: "09:00:00", startTime: ms("2026-11-10T00:00:00+08:00") });
  });
  it("wraps Sunday to Monday", () => {
    const loop: LoopSpec = { every: "week", on: ["sun"], time: "19:30:00", from: "2026-11-01", until: "2026-11-29" };
    expect(mpaasStrategies(loop, "America/New_York", "Asia/Shanghai")[0]).toMatchObject({ circleValue: [1], time: "08:30:00" });
  });
  it("splits a weekly loop at a DST transition, each part keeping the local wall-clock time", () => {
    const loop: LoopSpec = { every: "week", on: ["wed"], time: "09:00", from: "2026-10-14", until: "2026-11-25" };
    const strategies = mpaasStrategies(loop, "America/New_York", "Asia/Shanghai");
    expect(strategies.map((s) => (s.kind === "loop" ? s.time : "fixed"))).toEqual(["21:00:00", "22:00:00"]);
  });
  it("uses fixed tasks where a monthly shift crosses a month end", () => {
    // The 1st at 02:00 in Auckland is the last day of the previous month in Shanghai (31, 31, 28, 31, 30...).
    const loop: LoopSpec = { every: "month", on: [1], time: "02:00", from: "2026-12-01", until: "2027-05-31" };
    const strategies = mpaasStrategies(loop, "Pacific/Auckland", "Asia/Shanghai");
    expect(strategies.some((s) => s.kind === "fixed")).toBe(true);
    expect(strategies.flatMap((s) => loopRuns(s, "Asia/Shanghai")).sort()).toEqual(allRuns({ ...loop, until: loop.until! }, "Pacific/Auckland"));
  });
  it("skips month days a month lacks", () => {
    const runs = allRuns({ every: "month", on: [31], time: "10:00", from: "2026-01-01", until: "2026-06-30" }, "UTC");
    expect(runs.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(["2026-01-31", "2026-03-31", "2026-05-31"]);
  });
});

describe("occurrences", () => {
  it("splits runs around a window and counts the later ones", () => {
    const loop: LoopSpec = { every: "day", time: "12:00", from: "2026-06-01", until: "2026-06-30" };
    const w = occurrences(loop, "UTC", ms("2026-06-10T00:00:00Z"), ms("2026-06-17T00:00:00Z"));
    expect(w.within.length).toBe(7);
    expect(w.later).toBe(14);
    expect(w.nextLater).toBe(ms("2026-06-17T12:00:00Z"));
    const open = occurrences({ every: "week", on: ["mon"], time: "09:00", from: "2026-06-01" }, "UTC", ms("2026-06-10T00:00:00Z"), ms("2026-06-17T00:00:00Z"));
    expect(open).toEqual({ within: [ms("2026-06-15T09:00:00Z")], later: null, nextLater: ms("2026-06-22T09:00:00Z") });
  });
});

// An independent reading of local time: Intl offsets, the compatible rule applied by hand (no Temporal).
function offsetAt(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(utcMs);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(utcMs / 1000) * 1000;
}
function independentInstant(y: number, m: number, d: number, h: number, min: number, s: number, zone: string): number {
  const wall = Date.UTC(y, m - 1, d, h, min, s);
  const candidates = [offsetAt(zone, wall - 36 * 3600e3), offsetAt(zone, wall + 36 * 3600e3), offsetAt(zone, wall)];
  const exact = [...new Set(candidates)]
    .map((o) => wall - o)
    .filter((t) => t + offsetAt(zone, t) === wall)
    .sort((a, b) => a - b);
  if (exact.length) return exact[0]!;
  const before = offsetAt(zone, wall - 86400e3); // in a gap: shift forward by the gap, using the offset before it
  return wall - before;
}
function independentRuns(loop: LoopSpec & { until: string }, zone: string): number[] {
  const [h, mi, s = 0] = loop.time.split(":").map(Number) as [number, number, number?];
  const out: number[] = [];
  const wd: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 0 };
  for (let t = Date.parse(`${loop.from}T00:00:00Z`); t <= Date.parse(`${loop.until}T00:00:00Z`); t += 86400e3) {
    const date = new Date(t);
    const ok =
      loop.every === "day" || (loop.every === "week" ? loop.on!.some((d) => wd[d as string] === date.getUTCDay()) : loop.on!.includes(date.getUTCDate()));
    if (ok) out.push(independentInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), h, mi, s, zone));
  }
  return out;
}

const zones = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "America/St_Johns"];
const loopArb = fc
  .record({
    every: fc.constantFrom("day" as const, "week" as const, "month" as const),
    weekdays: fc.uniqueArray(fc.constantFrom("mon", "tue", "wed", "thu", "fri", "sat", "sun"), { minLength: 1, maxLength: 3 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 }),
    hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 1, 2, 23)),
    minute: fc.constantFrom(0, 15, 30, 59),
    second: fc.constantFrom(0, 11),
    start: fc.integer({ min: 0, max: 540 }),
    span: fc.integer({ min: 0, max: 179 }),
    zone: fc.constantFrom(...zones),
  })
  .map((r) => {
    const from = new Date(Date.parse("2026-01-01T00:00:00Z") + r.start * 86400e3).toISOString().slice(0, 10);
    const until = new Date(Date.parse(`${from}T00:00:00Z`) + r.span * 86400e3).toISOString().slice(0, 10);
    const pad = (n: number) => String(n).padStart(2, "0");
    const loop: LoopSpec & { until: string } = { every: r.every, time: `${pad(r.hour)}:${pad(r.minute)}:${pad(r.second)}`, from, until };
    if (r.every === "week") loop.on = r.weekdays as LoopSpec["on"];
    if (r.every === "month") loop.on = r.days;
    return { loop, zone: r.zone };
  });

describe("time properties", () => {
  it("occurrences equal an independent computation", () => {
    fc.assert(
      fc.property(loopArb, ({ loop, zone }) => {
        expect(allRuns(loop, zone)).toEqual(independentRuns(loop, zone));
      }),
      { numRuns: 60 },
    );
  });
  it("mPaaS strategies reproduce exactly the loop's runs", () => {
    fc.assert(
      fc.property(loopArb, fc.constantFrom("Asia/Shanghai", "Europe/London"), ({ loop, zone }, provider) => {
        const runs = mpaasStrategies(loop, zone, provider)
          .flatMap((s) => loopRuns(s, provider))
          .sort((a, b) => a - b);
        expect(runs).toEqual(allRuns(loop, zone));
      }),
      { numRuns: 60 },
    );
  });
});
