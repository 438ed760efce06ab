import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { generate, OUTPUT } from "../../scripts/build-schema.mjs";
import { validateCampaignSchema } from "../../src/validate/schema.js";
import { checkDuplicateIds, checkStructure } from "../../src/validate/structure.js";

const valid = { id: "ok", app: "shop", target: { platform: "ios", devices: ["device-id"] }, notification: { title: "T", body: "B", ios: { apnsEnv: "DEV" } } };

describe("campaign schema", () => {
  it("the committed standalone validator is generated from the committed schema", () => {
    expect(readFileSync(OUTPUT, "utf8"), "stale: run node scripts/build-schema.mjs").toBe(generate());
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
    const d = validateCampaignSchema({ id: "Bad", app: "shop", target: { devices: [] }, notification: { ios: { apnsEnv: "STAGING", badge: "one" }, android: { badgeSetNum: 100 } } });
    const byCode = Object.fromEntries(d.map((x) => [x.code, x]));
    expect(byCode["schema-pattern"]).toMatchObject({ pointer: "/id" });
    expect(byCode["schema-enum"]?.message).toBe('notification.ios.apnsEnv must be one of "DEV", "PRODUCT"');
    expect(byCode["schema-type"]).toMatchObject({ pointer: "/notification/ios/badge", message: "notification.ios.badge must be an integer" });
    expect(byCode["schema-range"]).toMatchObject({ pointer: "/notification/android/badgeSetNum" });
    expect(byCode["schema-length"]).toMatchObject({ pointer: "/target/devices" });
  });
  it("reports a missing required key at its parent", () => {
    expect(validateCampaignSchema({ id: "x", target: { all: true } })).toEqual([expect.objectContaining({ code: "schema-required", pointer: "", message: "the campaign needs `app`" })]);
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
