/**
 * Contract: every emulator response has the fields, with the types, of the SDK's response model for that action
 * (aliyun/alibabacloud-typescript-sdk push-20160801/src/models/*ResponseBody.ts and mpaas-20201028/src/models/
 * *ResponseBody.ts, as api-facts.md §2.1, 2.6–2.9, 3.2, 3.8, 3.9 records them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { OpenApiCaller } from "../../src/providers/openapi.js";

type Shape = { [field: string]: "string" | "number" | "boolean" | Shape | [Shape] };

const MODELS: Record<string, Shape> = {
  PushV2: { RequestId: "string", MessageId: "string" },
  MassPushV2: { RequestId: "string" }, // MessageIds: string[] — checked below
  CancelPush: { RequestId: "string" },
  QueryPushRecords: {
    RequestId: "string",
    Total: "number",
    Page: "number",
    PageSize: "number",
    PushInfos: {
      PushInfo: [
        {
          AppKey: "number",
          MessageId: "string",
          Title: "string",
          Body: "string",
          DeviceType: "string",
          PushType: "string",
          Source: "string",
          Target: "string",
          PushTime: "string",
          Status: "string",
        },
      ],
    },
  },
  QueryPushStatByMsg: {
    RequestId: "string",
    PushStats: {
      PushStat: [
        {
          MessageId: "string",
          AcceptCount: "number",
          SentCount: "number",
          ReceivedCount: "number",
          OpenedCount: "number",
          DeletedCount: "number",
          SmsSentCount: "number",
          SmsSkipCount: "number",
          SmsFailedCount: "number",
          SmsReceiveSuccessCount: "number",
          SmsReceiveFailedCount: "number",
        },
      ],
    },
  },
  PushSimple: { RequestId: "string", ResultCode: "string", ResultMessage: "string", PushResult: { Success: "boolean", ResultMsg: "string", Data: "string" } },
  QueryPushSchedulerList: {
    RequestId: "string",
    ResultCode: "string",
    ResultMessage: "string",
    ResultContent: {
      Data: {
        TotalCount: "number",
        List: [
          {
            UniqueId: "string",
            ParentId: "string",
            PushTime: "number",
            PushTitle: "string",
            PushContent: "string",
            Type: "number",
            DeliveryType: "number",
            StrategyType: "number",
            ExecutedStatus: "string",
            CreateType: "number",
            GmtCreate: "number",
          },
        ],
      },
    },
  },
  CancelPushScheduler: { RequestId: "string", ResultCode: "string", ResultMessage: "string", ResultContent: "string" },
};

function conforms(value: unknown, shape: Shape | [Shape] | string, path: string): string[] {
  if (typeof shape === "string") return typeof value === shape ? [] : [`${path}: ${typeof value}, want ${shape}`];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value) || value.length === 0) return [`${path}: want a non-empty array`];
    return value.flatMap((item, i) => conforms(item, shape[0], `${path}[${i}]`));
  }
  if (typeof value !== "object" || value === null) return [`${path}: want an object`];
  return Object.entries(shape).flatMap(([k, s]) => conforms((value as Record<string, unknown>)[k], s, `${path}.${k}`));
}

let emulator: RunningEmulator;
let emas: OpenApiCaller;
let mpaas: OpenApiCaller;
const NOW = Date.parse("2026-06-01T00:00:00Z");
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => NOW });
  const opts = { endpoint: emulator.endpoint, protocol: "http" as const, regionId: "cn-hangzhou", credentials: emulator.credentials };
  emas = new OpenApiCaller("emas", opts);
  mpaas = new OpenApiCaller("mpaas", opts);
});
afterAll(() => emulator.close());

describe("emulator responses follow the SDK response models", () => {
  it("EMAS", async () => {
    const task = (action: string, extra = {}) =>
      JSON.stringify({ Action: action, Target: { Type: "DEVICE", Value: "d1,d2" }, Notification: { Title: "T", Body: "B" }, ...extra });
    const pushed = await emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: task("PUSH_IMMEDIATELY") } });
    expect(conforms(pushed, MODELS.PushV2!, "PushV2")).toEqual([]);
    const scheduled = await emas.call("PushV2", "2016-08-01", {
      query: { AppKey: "1", PushTask: task("SCHEDULED_PUSH", { Options: { PushTime: "2026-06-02T00:00:00Z" } }) },
    });
    const mass = await emas.call("MassPushV2", "2016-08-01", { query: { AppKey: "1", PushTasks: `[${task("PUSH_IMMEDIATELY")}]` } });
    expect(conforms(mass, MODELS.MassPushV2!, "MassPushV2")).toEqual([]);
    expect((mass.MessageIds as unknown[]).every((id) => typeof id === "string")).toBe(true);
    const records = await emas.call("QueryPushRecords", "2016-08-01", {
      query: { AppKey: "1", StartTime: "2026-05-31T00:00:00Z", EndTime: "2026-06-03T00:00:00Z" },
    });
    expect(conforms(records, MODELS.QueryPushRecords!, "QueryPushRecords")).toEqual([]);
    const stat = await emas.call("QueryPushStatByMsg", "2016-08-01", { query: { AppKey: "1", MessageId: String(pushed.MessageId) } });
    expect(conforms(stat, MODELS.QueryPushStatByMsg!, "QueryPushStatByMsg")).toEqual([]);
    expect((stat.PushStats as { PushStat: Array<{ SentCount: number }> }).PushStat[0]?.SentCount).toBe(2);
    const cancelled = await emas.call("CancelPush", "2016-08-01", { query: { AppKey: "1", MessageId: String(scheduled.MessageId) } });
    expect(conforms(cancelled, MODELS.CancelPush!, "CancelPush")).toEqual([]);
  });
  it("mPaaS", async () => {
    const base = { AppId: "A", WorkspaceId: "w", TaskName: "t", Title: "T", Content: "C", DeliveryType: "3", ExpiredSeconds: "300" };
    const pushed = await mpaas.call("PushSimple", "2020-10-28", {
      body: { ...base, TargetMsgkey: '{"u":"k1"}', StrategyType: "1", StrategyContent: `{"fixedTime":${NOW + 3_600_000}}` },
    });
    expect(conforms(pushed, MODELS.PushSimple!, "PushSimple")).toEqual([]);
    const list = await mpaas.call("QueryPushSchedulerList", "2020-10-28", {
      body: { AppId: "A", WorkspaceId: "w", StartTime: String(NOW), EndTime: String(NOW + 86_400_000) },
    });
    expect(conforms(list, MODELS.QueryPushSchedulerList!, "QueryPushSchedulerList")).toEqual([]);
    const id = (pushed.PushResult as { Data: string }).Data;
    const cancelled = await mpaas.call("CancelPushScheduler", "2020-10-28", { body: { AppId: "A", WorkspaceId: "w", UniqueIds: id } });
    expect(conforms(cancelled, MODELS.CancelPushScheduler!, "CancelPushScheduler")).toEqual([]);
  });
});
