import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { ProviderError } from "../../src/providers/errors.js";
import { OpenApiCaller } from "../../src/providers/openapi.js";

// The real OpenAPI runtime, signing with V3, against the emulator over HTTP.
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function start(now: { t: number }, extra: Parameters<typeof startEmulator>[0] = {}) {
  const emulator = await startEmulator({ clock: () => now.t, ...extra });
  running.push(emulator);
  const caller = (secret = emulator.credentials.accessKeySecret) =>
    new OpenApiCaller("emas", {
      endpoint: emulator.endpoint,
      protocol: "http",
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: emulator.credentials.accessKeyId, accessKeySecret: secret },
    });
  return { emulator, emas: caller(), caller };
}

const NOW = Date.parse("2026-06-01T00:00:00Z");
const TASK = (extra: object = {}) =>
  JSON.stringify({ Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" }, Notification: { Title: "T", Body: "B" }, ...extra });
const TOKEN = "c8016d13-6e76-4a3b-9bda-769383d11787";

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("emulator: EMAS", () => {
  it("assigns MessageIds above 2^53 as digit strings, and returns the first result for a repeated IdempotentToken", async () => {
    const now = { t: NOW };
    const { emas } = await start(now);
    const first = await emas.call("PushV2", "2016-08-01", { query: { AppKey: "233586006", IdempotentToken: TOKEN, PushTask: TASK() } });
    expect(first.MessageId).toBe("11747540331280012");
    const again = await emas.call("PushV2", "2016-08-01", {
      query: { AppKey: "233586006", IdempotentToken: TOKEN, PushTask: TASK({ Message: { Body: "other" } }) },
    });
    expect(again.MessageId).toBe("11747540331280012");
    now.t += 16 * 60_000;
    const later = await emas.call("PushV2", "2016-08-01", { query: { AppKey: "233586006", IdempotentToken: TOKEN, PushTask: TASK() } });
    expect(later.MessageId).toBe("11747540331280013");
  });
  it("schedules within 7 days, refuses past and later times, lists and cancels scheduled pushes", async () => {
    const now = { t: NOW };
    const { emas } = await start(now);
    const at = (iso: string) =>
      emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: TASK({ Action: "SCHEDULED_PUSH", Options: { PushTime: iso } }) } });
    const { MessageId } = await at("2026-06-08T00:00:00Z");
    expect((await failure(at("2026-06-08T00:00:01Z"))).code).toBe("InvalidPushTime.TooLate");
    expect((await failure(at("2026-05-31T00:00:00Z"))).code).toBe("InvalidPushTime.Past");
    const list = async () =>
      (await emas.call("QueryPushRecords", "2016-08-01", { query: { AppKey: "1", StartTime: "2026-06-02T00:00:00Z", EndTime: "2026-06-09T00:00:00Z" } })) as {
        PushInfos: { PushInfo: Array<{ MessageId: string; Status: string }> };
      };
    expect((await list()).PushInfos.PushInfo).toEqual([expect.objectContaining({ MessageId, Status: "SCHEDULED", AppKey: 1 })]);
    await emas.call("CancelPush", "2016-08-01", { query: { AppKey: "1", MessageId: MessageId as string } });
    expect((await list()).PushInfos.PushInfo[0]?.Status).toBe("CANCELLED");
    expect((await failure(emas.call("CancelPush", "2016-08-01", { query: { AppKey: "1", MessageId: MessageId as string } }))).code).toBe(
      "InvalidMessageId.NotScheduled",
    );
  });
  it("marks a scheduled push sent once the clock passes it", async () => {
    const now = { t: NOW };
    const { emas } = await start(now);
    await emas.call("PushV2", "2016-08-01", {
      query: { AppKey: "1", PushTask: TASK({ Action: "SCHEDULED_PUSH", Options: { PushTime: "2026-06-01T01:00:00Z" } }) },
    });
    now.t += 2 * 3_600_000;
    const r = (await emas.call("QueryPushRecords", "2016-08-01", {
      query: { AppKey: "1", StartTime: "2026-06-01T00:00:00Z", EndTime: "2026-06-02T00:00:00Z" },
    })) as { PushInfos: { PushInfo: Array<{ Status: string }> } };
    expect(r.PushInfos.PushInfo[0]?.Status).toBe("SENT");
  });
  it("keeps a continuous MessageId exact through CONTINUOUS_PUSH", async () => {
    const { emas } = await start({ t: NOW });
    const { MessageId } = await emas.call("PushV2", "2016-08-01", {
      query: { AppKey: "1", PushTask: JSON.stringify({ Action: "CREATE_CONTINUOUS_PUSH", Notification: { Title: "T", Body: "B" } }) },
    });
    const text = `{"Action":"CONTINUOUS_PUSH","Options":{"MessageId":${String(MessageId)}},"Target":{"Platform":"IOS","Type":"DEVICE","Value":"d1"}}`;
    expect((await emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: text } })).MessageId).toBe("11747540331280013");
    const wrong = text.replace(String(MessageId), "11747540331280099");
    expect((await failure(emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: wrong } }))).code).toBe("InvalidMessageId.NotFound");
  });
  it("round-trips a 100-task MassPushV2 (a URL of hundreds of kilobytes)", async () => {
    const { emas } = await start({ t: NOW });
    const devices = Array.from({ length: 1000 }, (_, i) => `device-${String(i).padStart(26, "0")}`).join(",");
    const tasks = Array.from({ length: 100 }, () => ({ Target: { Type: "DEVICE", Value: devices }, Notification: { Title: "T", Body: "B" } }));
    const text = JSON.stringify(tasks);
    expect(text.length).toBeGreaterThan(3_000_000);
    const r = (await emas.call("MassPushV2", "2016-08-01", { query: { AppKey: "1", PushTasks: text } })) as { MessageIds: string[] };
    expect(r.MessageIds).toHaveLength(100);
    expect(new Set(r.MessageIds).size).toBe(100);
  });
});

describe("emulator: signatures and faults", () => {
  it("rejects a wrong secret, with a hint", async () => {
    const { caller } = await start({ t: NOW });
    const e = await failure(caller("not-the-secret").call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: TASK() } }));
    expect(e).toMatchObject({ code: "SignatureDoesNotMatch", kind: "client", retryable: false, httpStatus: 400 });
    expect(e.message).toContain("check ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  });
  it("classifies throttling, server errors and lost replies as retryable", async () => {
    const now = { t: NOW };
    const { emulator, emas } = await start(now);
    const call = () => emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: TASK() } });
    emulator.setFaults({ throttleRate: 1 });
    expect(await failure(call())).toMatchObject({ kind: "throttled", code: "Throttling.User", httpStatus: 400, retryable: true });
    emulator.setFaults({ throttleRate: 1, throttleStatus: 429 });
    expect(await failure(call())).toMatchObject({ kind: "throttled", httpStatus: 429 });
    emulator.setFaults({ serverErrorRate: 1 });
    expect(await failure(call())).toMatchObject({ kind: "server", retryable: true });
    emulator.setFaults({ loseReplyRate: 1 });
    expect(await failure(call())).toMatchObject({ kind: "timeout", retryable: true });
    emulator.setFaults({});
    // The lost reply's task was recorded: the next id follows it.
    expect((await call()).MessageId).toBe("11747540331280013");
  });
  it("persists its tasks across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "push-emulator-"));
    try {
      const now = { t: NOW };
      const first = await start(now, { dataFile: join(dir, "emulator.json") });
      await first.emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: TASK() } });
      await first.emulator.close();
      running.splice(running.indexOf(first.emulator), 1);
      const second = await start(now, { dataFile: join(dir, "emulator.json") });
      expect((await second.emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: TASK() } })).MessageId).toBe("11747540331280013");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("emulator: mPaaS", () => {
  const base = { AppId: "ONEX570DA89211721", WorkspaceId: "test", TaskName: "t", Title: "Test", Content: "Test", DeliveryType: "3", ExpiredSeconds: "300" };
  it("pushes, refuses a reused message key, schedules loops and lists their runs, cancels", async () => {
    const now = { t: Date.parse("2021-07-07T04:00:00Z") };
    const { emulator } = await start(now);
    const mpaas = new OpenApiCaller("mpaas", { endpoint: emulator.endpoint, protocol: "http", regionId: "cn-hangzhou", credentials: emulator.credentials });
    const simple = (extra: Record<string, string>) => mpaas.call("PushSimple", "2020-10-28", { body: { ...base, ...extra } });
    expect(await simple({ TargetMsgkey: '{"user1024":"k1"}' })).toMatchObject({ ResultCode: "OK", PushResult: { Success: true, Data: "" } });
    expect(await simple({ TargetMsgkey: '{"user1024":"k1"}' })).toMatchObject({ ResultCode: "3028", ResultMessage: "duplicate msgkey: k1" });
    const tooMany = JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`u${i}`, `m${i}`])));
    expect(await simple({ TargetMsgkey: tooMany })).toMatchObject({ ResultCode: "3029" });
    const loop = await simple({
      TargetMsgkey: '{"user1024":"k2"}',
      StrategyType: "2",
      StrategyContent: '{"startTime":1625673600000,"endTime":1630252800000,"circleType":1,"time":"13:45:11"}',
    });
    const id = (loop as { PushResult: { Data: string } }).PushResult.Data;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const late = await simple({
      TargetMsgkey: '{"user1024":"k3"}',
      StrategyType: "2",
      StrategyContent: '{"startTime":1625673600000,"endTime":1641744000000,"circleType":1,"time":"13:45:11"}',
    });
    expect(late).toMatchObject({ ResultCode: "3028", ResultMessage: "endTime is more than 180 days after today" });
    const list = (await mpaas.call("QueryPushSchedulerList", "2020-10-28", {
      body: {
        AppId: base.AppId,
        WorkspaceId: "test",
        StartTime: String(Date.parse("2021-07-08T00:00:00+08:00")),
        EndTime: String(Date.parse("2021-07-10T23:59:59+08:00")),
      },
    })) as {
      ResultContent: { Data: { TotalCount: number; List: Array<{ ParentId: string; PushTime: number; ExecutedStatus: string }> } };
    };
    expect(list.ResultContent.Data.TotalCount).toBe(3);
    expect(list.ResultContent.Data.List[0]).toMatchObject({ ParentId: id, PushTime: Date.parse("2021-07-08T13:45:11+08:00"), ExecutedStatus: "0" });
    expect(await mpaas.call("CancelPushScheduler", "2020-10-28", { body: { AppId: base.AppId, WorkspaceId: "test", UniqueIds: id } })).toMatchObject({
      ResultCode: "OK",
    });
    expect(await mpaas.call("CancelPushScheduler", "2020-10-28", { body: { AppId: base.AppId, WorkspaceId: "test", UniqueIds: id } })).toMatchObject({
      ResultCode: "3028",
    });
  });
});
