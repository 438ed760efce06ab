import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { generate, SCHEMAS } from "../../scripts/build-schema.mjs";
import { validateCampaignSchema } from "../../src/validate/schema.js";
import { checkDuplicateIds, checkStructure } from "../../src/validate/structure.js";

const valid = { id: "ok", app: "shop", target: { platform: "ios", devices: ["device-id"] }, notification: { title: "T", body: "B", ios: { apnsEnv: "DEV" } } };

describe("campaign schema", () => {
  it("the committed standalone validators are generated from the committed schemas", () => {
    expect(SCHEMAS.length).toBe(2);
    for (const entry of SCHEMAS) expect(readFileSync(entry.output, "utf8"), `${entry.schema} stale: run node scripts/build-schema.mjs`).toBe(generate(entry));
  });
  it("accepts a valid campaign", () => {
    expect(validateCampaignSchema(valid)).toEqual([]);
  });
  it("names unknown keys and suggests the right one", () => {
    const d = validateCampaignSchema({ ...valid, notification: { ...valid.notification, ios: { ApnsEnv: "DEV" } }, colour: 1 });
    expect(d.map((x) => [x.code, x.pointer, x.hint])).toEqual([
      ["schema-unknown-key", "/colour", expect.stringContaining("allowed keys")],
      ["schema-unknown-key", "/notification/ios/ApnsEnv", "did you mean `apnsEnv`?"],
    ]);
    const sms = validateCampaignSchema({ ...valid, sms: { strategy: 2, templateCode: "SMS_1" } });
    expect(sms.map((x) => [x.pointer, x.hint])).toEqual([
      ["/sms/strategy", "did you mean `smsStrategy`?"],
      ["/sms/templateCode", "did you mean `smsTemplateCode`?"],
    ]);
  });
  it("reports each keyword family with the field and the allowed values", () => {
    const d = validateCampaignSchema({
      id: "Bad",
      app: "shop",
      target: { devices: [] },
      notification: { ios: { apnsEnv: "STAGING", badge: "one" }, android: { badgeSetNum: 100 } },
    });
    const byCode = Object.fromEntries(d.map((x) => [x.code, x]));
    expect(byCode["schema-pattern"]).toMatchObject({ pointer: "/id" });
    expect(byCode["schema-enum"]?.message).toBe('notification.ios.apnsEnv "STAGING" must be one of "DEV", "PRODUCT"');
    expect(byCode["schema-type"]).toMatchObject({ pointer: "/notification/ios/badge", message: "notification.ios.badge must be an integer" });
    expect(byCode["schema-range"]).toMatchObject({ pointer: "/notification/android/badgeSetNum" });
    expect(byCode["schema-length"]).toMatchObject({ pointer: "/target/devices" });
  });
  it("explains a mistake once, by the form the value has", () => {
    const messages = (campaign: Record<string, unknown>) => validateCampaignSchema({ ...valid, ...campaign }).map((d) => [d.code, d.pointer, d.message]);
    // ttl is a number or a duration string: a string is judged as a duration, a number by its range
    expect(messages({ ttl: "abc" })).toEqual([
      ["schema-pattern", "/ttl", 'ttl "abc" is not a duration: a positive whole number with s, m, h or d (90s, 30m, 72h, 3d)'],
    ]);
    expect(messages({ ttl: 0 })).toEqual([["schema-range", "/ttl", "ttl 0 must be >= 1"]]);
    // nothing kept at all, whichever way it is written
    expect(messages({ ttl: "0s" }).map(([code]) => code)).toEqual(["schema-pattern"]);
    expect(messages({ schedule: { every: "week", on: ["mon", "tue", "mon"], time: "09:00" } })).toEqual([
      ["schema-unique", "/schedule/on/2", 'schedule.on[2] "mon" is already listed as schedule.on[0]'],
    ]);
    expect(messages({ ttl: true })).toEqual([["schema-type", "/ttl", "ttl must be an integer or a string"]]);
    expect(messages({ schedule: { every: "week", on: ["monday", 0], time: "09:00" } })).toEqual([
      ["schema-enum", "/schedule/on/0", 'schedule.on[0] "monday" must be one of "mon", "tue", "wed", "thu", "fri", "sat", "sun"'],
      ["schema-range", "/schedule/on/1", "schedule.on[1] 0 must be >= 1"],
    ]);
    // an empty id breaks its pattern and its minimum length: one diagnostic
    expect(messages({ target: { devices: [""] } })).toEqual([
      ["schema-pattern", "/target/devices/0", 'target.devices[0] "" is not one id without commas or whitespace'],
    ]);
    // a JSON-text field referenced through $defs still gets its field's description as the hint
    expect(validateCampaignSchema({ ...valid, notification: { ...valid.notification, ios: { extParameters: 5 } } })).toEqual([
      expect.objectContaining({
        code: "schema-type",
        message: "notification.ios.extParameters must be an object or a string",
        hint: expect.stringContaining("ExtParameters"),
      }),
    ]);
  });
  it("leaves a missing key that an unknown sibling spells to the did-you-mean", () => {
    const { target, ...rest } = valid;
    expect(validateCampaignSchema({ ...rest, taget: target }).map((d) => [d.code, d.hint])).toEqual([["schema-unknown-key", "did you mean `target`?"]]);
  });
  it("reports a missing required key at its parent", () => {
    expect(validateCampaignSchema({ id: "x", target: { all: true } })).toEqual([
      expect.objectContaining({ code: "schema-required", pointer: "", message: "the campaign needs `app`" }),
    ]);
  });
  it("collapses anyOf branches into one diagnostic", () => {
    const d = validateCampaignSchema({ ...valid, ttl: "3 days" });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ pointer: "/ttl" });
  });
});

describe("structure checks", () => {
  it("JSON-text strings must parse, and ExtParameters must be an object", () => {
    const d = checkStructure({ ...valid, notification: { ios: { extParameters: '{"a": }' }, android: { extParameters: "[1]" } } });
    expect(d.map((x) => [x.code, x.pointer])).toEqual([
      ["json-text", "/notification/ios/extParameters"],
      ["json-text", "/notification/android/extParameters"],
    ]);
  });
  it("an inline id listed twice is an error at the repeat, in short and long lists", () => {
    const repeats = (list: string[]) => checkStructure({ target: { devices: list } }).map((x) => [x.code, x.pointer, x.message]);
    expect(repeats(["a", "b", "a", "a"])).toEqual([
      ["target-id-repeated", "/target/devices/2", 'target.devices[2] "a" is already listed as target.devices[0]'],
      ["target-id-repeated", "/target/devices/3", 'target.devices[3] "a" is already listed as target.devices[0]'],
    ]);
    const long = Array.from({ length: 40 }, (_, i) => `d${i}`);
    expect(repeats([...long, "d7", "d39"]).map(([, pointer]) => pointer)).toEqual(["/target/devices/40", "/target/devices/41"]);
    expect(repeats(long)).toEqual([]);
  });
  it("a target has exactly one audience", () => {
    expect(checkStructure({ target: { devices: ["a"], users: ["b"] } })[0]).toMatchObject({ code: "target-audience", pointer: "/target/users" });
    expect(checkStructure({ target: { platform: "ios" } })[0]).toMatchObject({ code: "target-audience" });
  });
  it("schedule shapes", () => {
    const codes = (schedule: object) => checkStructure({ target: { all: true }, schedule }).map((x) => x.message);
    expect(codes({ at: "2026-06-19T12:00:00Z", every: "day" })).toEqual(["schedule has both `at` (one-off) and `every` (a loop)"]);
    expect(codes({ every: "day", time: "09:00", on: ["mon"] })).toEqual(["a daily loop takes no `on`"]);
    expect(codes({ every: "week", time: "09:00", on: [1] })).toEqual(["a weekly loop needs `on` with weekdays mon..sun"]);
    expect(codes({ every: "month", on: [1] })).toEqual(["a loop needs schedule.time (HH:mm:ss, local)"]);
    expect(codes({ every: "day", time: "09:00", from: "2026-02-30" })).toEqual(["schedule.from 2026-02-30 is not a calendar date"]);
    expect(codes({ every: "day", time: "09:00", from: "2026-02-28" })).toEqual([]);
  });
  it("duplicate ids name the first place", () => {
    const d = checkDuplicateIds([
      { id: "a", file: "x.yaml", document: 0, pointer: "/id", line: 2 },
      { id: "a", file: "y.yaml", document: 1, pointer: "/id", line: 7 },
    ]);
    expect(d).toEqual([expect.objectContaining({ code: "duplicate-id", file: "y.yaml", document: 1, message: 'campaign id "a" is already used at x.yaml:2' })]);
  });
});
