import { describe, expect, it } from "vitest";
import { start } from "./support.js";

// mPaaS rules of api-facts §3 and the mPaaS seed as the emulator answers them over HTTP: business failures are
// HTTP 200 with a result code (3028 INVALID_PARAM for a malformed parameter), never a 500.
const NOW = Date.parse("2026-06-01T04:00:00Z");
const base = { AppId: "ONEX570DA89211721", WorkspaceId: "test", TaskName: "t", Title: "Test", Content: "Test", DeliveryType: "3", ExpiredSeconds: "300" };
let seq = 0;
const target = () => JSON.stringify({ user1024: `k${seq++}` });

describe("emulator: mPaaS parameter types", () => {
  it("answers well-formed JSON of the wrong type with 3028", async () => {
    const { mpaas } = await start({ t: NOW });
    for (const TargetMsgkey of ["null", "[]", "7", '"abc"']) {
      expect(await mpaas("PushSimple", { ...base, TargetMsgkey }), TargetMsgkey).toMatchObject({ ResultCode: "3028", PushResult: { Success: false } });
    }
    const tomorrow = NOW + 86_400_000;
    for (const [StrategyType, StrategyContent] of [
      ["1", "null"],
      ["1", `{"fixedTime":"${tomorrow}"}`],
      ["2", "[]"],
      ["2", `{"startTime":${NOW},"endTime":${tomorrow},"circleType":2,"circleValue":"17","time":"09:45:11"}`],
      ["2", `{"startTime":${NOW},"endTime":${tomorrow},"circleType":1,"time":945}`],
    ]) {
      expect(
        await mpaas("PushSimple", { ...base, TargetMsgkey: target(), StrategyType: StrategyType!, StrategyContent: StrategyContent! }),
        StrategyContent,
      ).toMatchObject({ ResultCode: "3028" });
    }
  });
});

describe("emulator: mPaaS TargetMsgkey (the seed: a map of target id to a unique business message id)", () => {
  it("refuses anything but a map of at most 10 targets to distinct, non-empty message keys", async () => {
    const { mpaas } = await start({ t: NOW });
    const push = (TargetMsgkey: object) => mpaas("PushSimple", { ...base, TargetMsgkey: JSON.stringify(TargetMsgkey) });
    expect(await push(["k1", "k2"])).toMatchObject({ ResultCode: "3028" });
    expect(await push({ u1: 12345 })).toMatchObject({ ResultCode: "3028" });
    expect(await push({ u1: { a: 1 } })).toMatchObject({ ResultCode: "3028" });
    expect(await push({ u1: "" })).toMatchObject({ ResultCode: "3028" });
    expect(await push({ u1: "same", u2: "same" })).toMatchObject({ ResultCode: "3028", ResultMessage: "duplicate msgkey: same" });
    expect(await push({ "": "k0" })).toMatchObject({ ResultCode: "3021" });
    expect(await push({})).toMatchObject({ ResultCode: "3021" });
    expect(await push(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`u${i}`, `m${i}`])))).toMatchObject({ ResultCode: "3029" });
    expect(await push(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`u${i}`, `m${i}`])))).toMatchObject({ ResultCode: "OK" });
  });
});

describe("emulator: mPaaS ExpiredSeconds and SMS fields", () => {
  const sms = { SmsSignName: "mPaaS test", SmsTemplateCode: "SMS_216070269" };
  it("takes ExpiredSeconds as a positive integer (a Long) and SmsTemplateParam as JSON (the seed)", async () => {
    const { mpaas } = await start({ t: NOW });
    const push = (extra: Record<string, string>) => mpaas("PushSimple", { ...base, TargetMsgkey: target(), ...extra });
    for (const ExpiredSeconds of ["1.5", "1e3", "0", "-5", "abc"]) expect(await push({ ExpiredSeconds }), ExpiredSeconds).toMatchObject({ ResultCode: "3020" });
    expect(await push({ ExpiredSeconds: "315360000" })).toMatchObject({ ResultCode: "OK" }); // no documented maximum
    expect(await push({ SmsStrategy: "2", ...sms, SmsTemplateParam: "not json" })).toMatchObject({ ResultCode: "3028" });
    expect(await push({ SmsStrategy: "2", ...sms, SmsTemplateParam: "[1]" })).toMatchObject({ ResultCode: "3028" });
    expect(await push({ SmsStrategy: "two", ...sms, SmsTemplateParam: '{"code":123456}' })).toMatchObject({ ResultCode: "3028" });
    expect(await push({ SmsStrategy: "2", ...sms, SmsTemplateParam: '{"code":123456}' })).toMatchObject({ ResultCode: "OK" });
  });
});

describe("emulator: mPaaS loop StrategyContent (the seed, api-facts §3.4)", () => {
  const DAY = 86_400_000;
  const today = Date.parse("2026-06-01T00:00:00+08:00"); // NOW is 12:00 in Beijing
  const loop = (content: object) => ({
    ...base,
    TargetMsgkey: target(),
    StrategyType: "2",
    StrategyContent: JSON.stringify({ startTime: today, endTime: today + 30 * DAY, ...content }),
  });
  it("refuses a time that is no time of day and circle days outside 1..7 or 1..31", async () => {
    const { mpaas } = await start({ t: NOW });
    for (const content of [
      { circleType: 1, time: "25:61:61" },
      { circleType: 1, time: "24:00:00" },
      { circleType: 2, circleValue: [0, 8], time: "09:45:11" },
      { circleType: 2, circleValue: [1, 8], time: "09:45:11" },
      { circleType: 3, circleValue: [32], time: "09:45:11" },
      { circleType: 3, circleValue: [0], time: "09:45:11" },
    ]) {
      expect(await mpaas("PushSimple", loop(content)), JSON.stringify(content)).toMatchObject({ ResultCode: "3028", PushResult: { Success: false } });
    }
  });
  it("accepts the bounds, and a daily loop ignores circleValue as the seed's example sends it", async () => {
    const { mpaas } = await start({ t: NOW });
    for (const content of [
      { circleType: 1, time: "23:59:59" },
      { circleType: 1, circleValue: [1, 7], time: "00:00:00" },
      { circleType: 2, circleValue: [1, 7], time: "13:45:11" },
      { circleType: 3, circleValue: [1, 31], time: "13:45:11" },
    ]) {
      expect(await mpaas("PushSimple", loop(content)), JSON.stringify(content)).toMatchObject({
        ResultCode: "OK",
        PushResult: { Data: expect.stringMatching(/^[0-9a-f]{32}$/) },
      });
    }
  });
});

describe("emulator: QueryPushSchedulerList filters and parameters (api-facts §3.8)", () => {
  const DAY = 86_400_000;
  const tomorrow = Date.parse("2026-06-02T00:00:00+08:00");
  it("filters by UniqueId (a loop id: its children; a task or child id: that row) and Type, and refuses malformed numbers", async () => {
    const { mpaas } = await start({ t: NOW });
    const pushed = async (StrategyType: string, content: object) =>
      (
        (await mpaas("PushSimple", { ...base, TargetMsgkey: target(), StrategyType, StrategyContent: JSON.stringify(content) })) as {
          PushResult: { Data: string };
        }
      ).PushResult.Data;
    const fixed = await pushed("1", { fixedTime: NOW + 3_600_000 });
    const loop = await pushed("2", { startTime: tomorrow, endTime: tomorrow + 2 * DAY, circleType: 1, time: "10:00:00" });
    type Listed = { ResultCode: string; ResultContent: { Data: { TotalCount: number; List: Array<{ UniqueId: string; ParentId: string }> } } };
    const list = async (extra: Record<string, string> = {}) =>
      (await mpaas("QueryPushSchedulerList", {
        AppId: base.AppId,
        WorkspaceId: base.WorkspaceId,
        StartTime: String(NOW),
        EndTime: String(NOW + 5 * DAY),
        ...extra,
      })) as Listed;
    expect((await list()).ResultContent.Data.TotalCount).toBe(4);
    const children = (await list({ UniqueId: loop })).ResultContent.Data.List;
    expect(children.map((r) => r.ParentId)).toEqual([loop, loop, loop]);
    expect((await list({ UniqueId: children[1]!.UniqueId })).ResultContent.Data.List).toEqual([children[1]]);
    expect((await list({ UniqueId: fixed })).ResultContent.Data.List.map((r) => r.UniqueId)).toEqual([fixed]);
    expect((await list({ Type: "0" })).ResultContent.Data.TotalCount).toBe(4);
    expect((await list({ Type: "1" })).ResultContent.Data.TotalCount).toBe(0);
    const malformed: Array<Record<string, string>> = [
      { StartTime: "yesterday" },
      { EndTime: "1.5e12" },
      { Type: "4" },
      { PageNumber: "0" },
      { PageSize: "abc" },
    ];
    for (const extra of malformed) {
      const refused = await list(extra);
      expect(refused, JSON.stringify(extra)).toMatchObject({ ResultCode: "3028" });
      expect(refused).not.toHaveProperty("PushResult"); // not part of this action's response model
    }
  });
});
