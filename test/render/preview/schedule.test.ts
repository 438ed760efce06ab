import { describe, expect, it } from "vitest";
import type { SchedulePreview } from "../../../src/render/preview/document.js";
import { previewOf } from "./support.js";

const notification = { title: "Weekly digest", body: "What happened this week" };
const scheduleOf = (doc: ReturnType<typeof previewOf>, i = 0): SchedulePreview => doc.campaigns[i]!.schedule;

describe("the schedule of a loop", () => {
  it("EMAS, across the start of daylight saving time: the local time stays, the UTC offset moves; runs past the 7-day window are deferred", () => {
    const doc = previewOf(
      [
        {
          id: "digest",
          app: "shop",
          notification,
          schedule: { every: "week", on: ["mon", "thu"], time: "09:00", from: "2026-03-02", until: "2026-03-26", timezone: "America/New_York" },
        },
      ],
      "2026-03-01T12:00:00Z",
    );
    const schedule = scheduleOf(doc);
    if (schedule.kind !== "loop") throw new Error(`expected a loop, got ${schedule.kind}`);
    expect(schedule.sends.map((s) => `${s.date} ${s.time} ${s.offset} ${s.at}${s.deferred ? " deferred" : ""}`)).toEqual([
      "2026-03-02 09:00:00 -05:00 2026-03-02T14:00:00Z",
      "2026-03-05 09:00:00 -05:00 2026-03-05T14:00:00Z",
      "2026-03-09 09:00:00 -04:00 2026-03-09T13:00:00Z deferred",
      "2026-03-12 09:00:00 -04:00 2026-03-12T13:00:00Z deferred",
      "2026-03-16 09:00:00 -04:00 2026-03-16T13:00:00Z deferred",
      "2026-03-19 09:00:00 -04:00 2026-03-19T13:00:00Z deferred",
      "2026-03-23 09:00:00 -04:00 2026-03-23T13:00:00Z deferred",
      "2026-03-26 09:00:00 -04:00 2026-03-26T13:00:00Z deferred",
    ]);
    expect(schedule).toMatchObject({ every: "week", on: ["mon", "thu"], time: "09:00", past: 0, later: 0 });
    expect(doc.campaigns[0]!.keys).toEqual(["digest@2026-03-02T14:00:00Z", "digest@2026-03-05T14:00:00Z"]);
  });

  it("mPaaS, across the same change: the runs of both StrategyContents the compiler split it into, each at 09:00 local", () => {
    const doc = previewOf(
      [
        {
          id: "daily",
          app: "wallet",
          target: { users: ["u1"] },
          notification,
          schedule: { every: "day", time: "09:00:00", from: "2026-03-06", until: "2026-03-10", timezone: "America/New_York" },
        },
      ],
      "2026-03-01T12:00:00Z",
    );
    const schedule = scheduleOf(doc);
    if (schedule.kind !== "loop") throw new Error(`expected a loop, got ${schedule.kind}`);
    expect(doc.campaigns[0]!.keys).toEqual(["daily~1", "daily~2"]);
    expect(schedule.sends.map((s) => `${s.date} ${s.time} ${s.offset}`)).toEqual([
      "2026-03-06 09:00:00 -05:00",
      "2026-03-07 09:00:00 -05:00",
      "2026-03-08 09:00:00 -04:00",
      "2026-03-09 09:00:00 -04:00",
      "2026-03-10 09:00:00 -04:00",
    ]);
    expect(schedule.sends.some((s) => s.deferred)).toBe(false);
  });

  it("shows three months from the next send and counts the rest; an open-ended loop has no count", () => {
    const bounded = scheduleOf(
      previewOf(
        [{ id: "d", app: "shop", notification, schedule: { every: "day", time: "08:00", from: "2026-02-20", until: "2026-12-31", timezone: "UTC" } }],
        "2026-03-01T12:00:00Z",
      ),
    );
    if (bounded.kind !== "loop") throw new Error("expected a loop");
    expect(bounded.sends[0]!.date).toBe("2026-03-02");
    expect(bounded.sends[bounded.sends.length - 1]!.date).toBe("2026-05-31");
    // 20 February to 1 March 08:00 (before the clock): 10 past; June to December: 214 later.
    expect(bounded).toMatchObject({ past: 10, later: 214 });
    const open = scheduleOf(
      previewOf([{ id: "d", app: "shop", notification, schedule: { every: "month", on: [1], time: "08:00", timezone: "UTC" } }], "2026-03-01T12:00:00Z"),
    );
    expect(open).toMatchObject({ kind: "loop", later: null, from: null });
    if (open.kind === "loop") expect(open.sends.map((s) => s.date)).toEqual(["2026-04-01", "2026-05-01", "2026-06-01"]);
  });
});

describe("the schedule of a one-off and of a send on apply", () => {
  it("a local time in its zone; an EMAS send more than 7 days ahead is deferred, an mPaaS one is not", () => {
    const schedule = { at: "2026-06-19T20:00:00", timezone: "Asia/Shanghai" };
    const doc = previewOf(
      [
        { id: "emas", app: "shop", notification, schedule },
        { id: "mpaas", app: "wallet", target: { users: ["u1"] }, notification, schedule },
      ],
      "2026-06-01T00:00:00Z",
    );
    const send = { at: "2026-06-19T12:00:00Z", date: "2026-06-19", time: "20:00:00", offset: "+08:00" };
    expect(scheduleOf(doc, 0)).toEqual({ kind: "once", send: { ...send, deferred: true }, past: false });
    expect(scheduleOf(doc, 1)).toEqual({ kind: "once", send: { ...send, deferred: false }, past: false });
  });

  it("a one-off before the clock is marked past; no schedule is sent when applied", () => {
    const doc = previewOf(
      [
        { id: "late", app: "shop", notification, schedule: { at: "2026-06-19T12:00:00Z" } },
        { id: "now", app: "shop", notification },
      ],
      "2026-06-20T00:00:00Z",
    );
    expect(scheduleOf(doc, 0)).toMatchObject({ kind: "once", past: true, send: { date: "2026-06-19", time: "20:00:00" } });
    expect(scheduleOf(doc, 1)).toEqual({ kind: "applied" });
  });
});
