import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/model/campaign.js";
import { compileProject } from "../../src/compile/index.js";
import { APPS, compileOne, SEED_NOW } from "./support.js";

const codes = (r: { diagnostics: Array<{ code: string }> }) => r.diagnostics.map((d) => d.code);
const notification = (title: string, body = "b") => ({ notification: { title, body } });

describe("EMAS length limits, at the limit and one past", () => {
  it("Android title: 50 characters pass, 51 fail; an emoji counts 2", () => {
    const android = { app: "shop", target: { platform: "android" as const, devices: ["d"] } };
    expect(codes(compileOne({ ...android, ...notification("a".repeat(50)) }))).toEqual([]);
    expect(codes(compileOne({ ...android, ...notification("a".repeat(51)) }))).toEqual(["android-title-length"]);
    expect(codes(compileOne({ ...android, ...notification("a".repeat(48) + "😀") }))).toEqual([]);
    expect(codes(compileOne({ ...android, ...notification("a".repeat(49) + "😀") }))).toEqual(["android-title-length"]);
  });
  it("iOS title: 200 UTF-8 bytes of multi-byte characters pass, 201 fail", () => {
    const ios = { app: "shop", target: { platform: "ios" as const, devices: ["d"] } };
    const title200 = "订".repeat(66) + "ab"; // 66 × 3 + 2 = 200 bytes
    expect(Buffer.byteLength(title200)).toBe(200);
    expect(codes(compileOne({ ...ios, ...notification(title200) }))).toEqual([]);
    const result = compileOne({ ...ios, ...notification(title200 + "c") });
    expect(codes(result)).toEqual(["ios-title-bytes"]);
    expect(result.diagnostics[0]?.message).toContain("201 UTF-8 bytes");
    expect(result.diagnostics[0]?.pointer).toBe("/notification/title");
  });
  it("HarmonyOS title: 200 bytes pass, 201 fail", () => {
    const hmos = { app: "shop", target: { platform: "hmos" as const, devices: ["d"] } };
    expect(codes(compileOne({ ...hmos, ...notification("x".repeat(200)) }))).toEqual([]);
    expect(codes(compileOne({ ...hmos, ...notification("x".repeat(201)) }))).toEqual(["hmos-title-bytes"]);
  });
  it("notification body: 200 characters pass, 201 fail", () => {
    const ios = { app: "shop", target: { platform: "ios" as const, devices: ["d"] } };
    expect(codes(compileOne({ ...ios, ...notification("t", "y".repeat(200)) }))).toEqual([]);
    expect(codes(compileOne({ ...ios, ...notification("t", "y".repeat(201)) }))).toEqual(["notification-body-length"]);
  });
  it("pass-through message: 4000 UTF-8 bytes of JSON pass, 4001 fail", () => {
    const overhead = JSON.stringify({ Body: "" }).length;
    const at = (n: number) => compileOne({ app: "shop", message: { body: "m".repeat(n - overhead) } });
    expect(codes(at(4000))).toEqual([]);
    expect(codes(at(4001))).toEqual(["message-size"]);
  });
});

describe("batching", () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `device-${i}`);
  it("1000 devices are one request, 1001 are two", () => {
    expect(compileOne({ app: "shop", target: { devices: ids(1000) }, ...notification("t") }).tasks.map((t) => t.key)).toEqual(["test"]);
    const two = compileOne({ app: "shop", target: { devices: ids(1001) }, ...notification("t") });
    expect(two.tasks.map((t) => t.key)).toEqual(["test#1", "test#2"]);
    expect(two.tasks.map((t) => (t.provider === "emas" ? t.request.PushTask.Target?.Value?.split(",").length : 0))).toEqual([1000, 1]);
  });
  it("continuous push: one create, then batches of 1000 that depend on it", () => {
    const r = compileOne({ app: "shop", continuous: true, target: { accounts: ids(2500) }, ...notification("t") });
    expect(r.tasks.map((t) => [t.key, t.dependsOn])).toEqual([
      ["test#create", undefined],
      ["test#1", "test#create"],
      ["test#2", "test#create"],
      ["test#3", "test#create"],
    ]);
  });
  it("continuous push takes no tag and no schedule", () => {
    expect(codes(compileOne({ app: "shop", continuous: true, target: { tag: "vip" }, ...notification("t") }))).toEqual(["emas-continuous-target"]);
  });
  it("mPaaS: 10 users are one request, 11 are two", () => {
    const one = compileOne({ app: "wallet", target: { users: ids(10) }, ...notification("t") });
    expect(one.tasks.length).toBe(1);
    const two = compileOne({ app: "wallet", target: { users: ids(11) }, ...notification("t") });
    expect(two.tasks.map((t) => (t.provider === "mpaas" ? Object.keys(t.request.TargetMsgkey).length : 0))).toEqual([10, 1]);
  });
});

describe("fields a target cannot express are errors", () => {
  it("mPaaS fields on an EMAS app, and EMAS fields on an mPaaS app", () => {
    const emas = compileOne({ app: "shop", ...notification("t"), notification: { title: "t", body: "b", mpaas: { pushStyle: 2 } } } as Partial<Campaign> & {
      app: string;
    });
    expect(emas.diagnostics.map((d) => [d.code, d.pointer])).toEqual([["field-not-supported", "/notification/mpaas"]]);
    const mpaas = compileOne({ app: "wallet", target: { users: ["u"] }, message: { body: "x" }, notification: { title: "t", body: "b", ios: { badge: 1 } } });
    expect(mpaas.diagnostics.map((d) => d.pointer)).toEqual(["/message", "/notification/ios"]);
    expect(mpaas.tasks).toEqual([]);
  });
});

describe("mPaaS pending-task limit", () => {
  const scheduledAt = (at: string, n: number) =>
    compileProject(
      Array.from({ length: n }, (_, i) => ({
        campaign: { id: `m${i}`, app: "wallet", target: { users: [`u${i}`] }, notification: { title: "t", body: "b" }, schedule: { at } } as Campaign,
        source: { file: "t.yaml", document: i, line: 1 },
      })),
      { apps: APPS, now: Date.parse("2026-06-01T00:00:00Z"), defaultTimezone: "Asia/Shanghai", audienceFiles: {} },
    );
  it("counts unexecuted tasks only: 100 to come pass, 101 fail, 101 already run are history", () => {
    expect(codes(scheduledAt("2026-06-10T12:00:00Z", 100))).toEqual([]);
    expect(codes(scheduledAt("2026-06-10T12:00:00Z", 101))).toEqual(["mpaas-scheduled-task-limit"]);
    expect(codes(scheduledAt("2026-05-10T12:00:00Z", 101))).toEqual([]);
  });
});

describe("platform blocks", () => {
  const multi = { ...APPS, multi: { name: "multi", provider: "emas" as const, appKeys: { ios: 1, android: 2 } } };
  const blocks = { ios: { badge: 1 }, android: { badgeSetNum: 2 }, hmos: { badgeSetNum: 3 } };
  it("a task for one platform carries that platform's block only", () => {
    const r = compileOne({ app: "multi", target: { devices: ["d"] }, notification: { title: "t", body: "b", ...blocks } }, SEED_NOW, multi);
    expect(r.tasks.map((t) => [t.key, Object.keys((t.request as { PushTask: { Notification: object } }).PushTask.Notification)])).toEqual([
      ["test/ios", ["Title", "Body", "Ios"]],
      ["test/android", ["Title", "Body", "Android"]],
    ]);
  });
  it("a block for a platform the campaign does not target is a warning, and not sent", () => {
    const r = compileOne({ app: "shop", target: { platform: "android", devices: ["d"] }, notification: { title: "t", body: "b", ...blocks } });
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.pointer])).toEqual([
      ["warning", "platform-block-unused", "/notification/ios"],
      ["warning", "platform-block-unused", "/notification/hmos"],
    ]);
    expect((r.tasks[0]!.request as { PushTask: { Notification: object } }).PushTask.Notification).toEqual({
      Title: "t",
      Body: "b",
      Android: { BadgeSetNum: 2 },
    });
    expect(compileOne({ app: "shop", target: { devices: ["d"] }, notification: { title: "t", body: "b", ...blocks } }).diagnostics).toEqual([]);
  });
});

describe("schedules", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  it("EMAS: a local time in the campaign's zone becomes a UTC PushTime", () => {
    const r = compileOne({ app: "shop", ...notification("t"), schedule: { at: "2026-06-03T09:00:00", timezone: "America/New_York" } }, now);
    const task = r.tasks[0]!;
    expect(task.sendAt).toBe("2026-06-03T13:00:00Z");
    expect(task.provider === "emas" && task.request.PushTask.Options).toEqual({ PushTime: "2026-06-03T13:00:00Z" });
  });
  it("EMAS recurring: one SCHEDULED_PUSH per occurrence in the 7-day window, later ones deferred", () => {
    const r = compileOne(
      { app: "shop", ...notification("t"), schedule: { every: "day", time: "10:00", from: "2026-06-01", until: "2026-06-30", timezone: "UTC" }, ttl: "1h" },
      now,
    );
    expect(r.tasks.map((t) => t.key)).toEqual(Array.from({ length: 7 }, (_, i) => `test@2026-06-0${i + 1}T10:00:00Z`));
    expect(r.tasks.map((t) => t.provider === "emas" && t.request.PushTask.Options?.ExpireTime)[0]).toBe("2026-06-01T11:00:00Z");
    expect(r.deferred).toEqual([{ campaign: "test", count: 23, next: "2026-06-08T10:00:00Z" }]);
    expect(new Set(r.tasks.map((t) => t.provider === "emas" && t.request.IdempotentToken)).size).toBe(7);
  });
  it("EMAS ttl over 72h is an error", () => {
    expect(codes(compileOne({ app: "shop", ...notification("t"), ttl: "73h" }))).toEqual(["emas-ttl-limit"]);
    expect(codes(compileOne({ app: "shop", ...notification("t"), ttl: "72h" }))).toEqual([]);
  });
  it("mPaaS loop: 180 days after today pass, 181 fail; from and until are required", () => {
    const loop = (until: string) =>
      compileOne({ app: "wallet", target: { users: ["u"] }, ...notification("t"), schedule: { every: "day", time: "09:00", from: "2026-06-01", until } }, now);
    // now = 2026-06-01T08:00 in Shanghai: today is 2026-06-01; +180 days = 2026-11-28.
    expect(codes(loop("2026-11-28"))).toEqual([]);
    expect(codes(loop("2026-11-29"))).toEqual(["mpaas-loop-window"]);
    expect(codes(compileOne({ app: "wallet", target: { users: ["u"] }, ...notification("t"), schedule: { every: "day", time: "09:00" } }, now))).toEqual([
      "mpaas-loop-window",
      "mpaas-loop-window",
    ]);
  });
  it("mPaaS weekly loop in New York shifts its circleValue to the Shanghai weekday", () => {
    const r = compileOne(
      {
        app: "wallet",
        target: { users: ["u"] },
        ...notification("t"),
        schedule: { every: "week", on: ["mon"], time: "20:00", from: "2026-06-01", until: "2026-06-29", timezone: "America/New_York" },
      },
      now,
    );
    const task = r.tasks[0]!;
    expect(task.provider === "mpaas" && task.request.StrategyContent).toEqual({
      startTime: Date.parse("2026-06-02T00:00:00+08:00"),
      endTime: Date.parse("2026-06-30T00:00:00+08:00"),
      circleType: 2,
      circleValue: [2],
      time: "08:00:00",
    });
    expect(task.sendAt).toBe("2026-06-02T00:00:00Z");
  });
  it("EMAS sms: Android and HarmonyOS only, with delaySecs, signName and templateName; an iOS task carries none", () => {
    const sms = { delaySecs: 15, signName: "S", templateName: "SMS_1", params: "a=1" };
    expect(codes(compileOne({ app: "shop", target: { platform: "ios", devices: ["d"] }, ...notification("t"), sms }))).toEqual(["emas-sms"]);
    expect(codes(compileOne({ app: "shop", target: { platform: "android", devices: ["d"] }, ...notification("t"), sms: { signName: "S" } }))).toEqual([
      "emas-sms",
    ]);
    const sent = compileOne({ app: "shop", target: { platform: "android", devices: ["d"] }, ...notification("t"), sms });
    expect((sent.tasks[0]!.request as { PushTask: { Options: object } }).PushTask.Options).toEqual({
      Sms: { DelaySecs: 15, Params: "a=1", SignName: "S", TemplateName: "SMS_1" },
    });
    const multi = { ...APPS, multi: { name: "multi", provider: "emas" as const, appKeys: { ios: 1, android: 2 } } };
    const both = compileOne({ app: "multi", target: { devices: ["d"] }, ...notification("t"), sms }, SEED_NOW, multi);
    expect(both.tasks.map((t) => [t.key, "Options" in (t.request as { PushTask: object }).PushTask])).toEqual([
      ["test/ios", false],
      ["test/android", true],
    ]);
  });
  it("mPaaS sms strategy needs the three SMS fields, named as the PushSimple parameters", () => {
    expect(codes(compileOne({ app: "wallet", target: { users: ["u"] }, ...notification("t"), sms: { smsStrategy: 2, smsSignName: "s" } }))).toEqual([
      "mpaas-sms-fields",
    ]);
    const sent = compileOne({
      app: "wallet",
      target: { users: ["u"] },
      ...notification("t"),
      sms: { smsStrategy: 2, smsSignName: "mPaaS test", smsTemplateCode: "SMS_216070269", smsTemplateParam: { code: 123456 } },
    });
    expect(sent.diagnostics).toEqual([]);
    expect(sent.tasks[0]!.request).toMatchObject({
      SmsStrategy: 2,
      SmsSignName: "mPaaS test",
      SmsTemplateCode: "SMS_216070269",
      SmsTemplateParam: '{"code":123456}',
    });
    expect(codes(compileOne({ app: "wallet", target: { users: ["u"] }, ...notification("t"), sms: { signName: "s" } }))).toEqual(["field-not-supported"]);
    expect(codes(compileOne({ app: "shop", target: { devices: ["d"] }, ...notification("t"), sms: { smsStrategy: 2 } }))).toEqual(["field-not-supported"]);
  });
});
