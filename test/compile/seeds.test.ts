/**
 * Acceptance: every example body of the two seed documents (shared/seeds) is reproduced by a campaign in
 * campaigns/, apart from generated idempotency values (IdempotentToken, mPaaS message keys, the continuous
 * MessageId filled in at apply time). The bodies below are transcribed from the seeds as written.
 */
import { describe, expect, it } from "vitest";
import { compileProject } from "../../src/compile/index.js";
import type { CompiledTask } from "../../src/model/task.js";
import { wireRequest } from "../../src/providers/mpaas/wire.js";
import { APPS, loadCampaigns, SEED_NOW } from "./support.js";

const project = compileProject(loadCampaigns("campaigns"), { apps: APPS, now: SEED_NOW, defaultTimezone: "Asia/Shanghai", audienceFiles: {} });
const byKey = new Map(project.tasks.map((t) => [t.key, t]));

function emasBody(key: string): unknown {
  const task = byKey.get(key);
  if (task?.provider !== "emas") throw new Error(`no EMAS task ${key}`);
  expect(task.request.IdempotentToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return { AppKey: task.request.AppKey, PushTask: task.request.PushTask };
}

function mpaasParams(key: string, targets: string[]): Record<string, unknown> {
  const task = byKey.get(key);
  if (task?.provider !== "mpaas") throw new Error(`no mPaaS task ${key}`);
  const msgkeys = task.request.TargetMsgkey;
  expect(Object.keys(msgkeys)).toEqual(targets);
  for (const value of Object.values(msgkeys)) expect(value).toMatch(/^[0-9a-f]{32}$/);
  // The seeds show the body as the API takes it: StrategyContent as JSON text.
  const { TargetMsgkey: _generated, ...rest } = wireRequest(task.request);
  return rest;
}

describe("EMAS seed example bodies", () => {
  it("compiles without diagnostics", () => {
    expect(project.diagnostics).toEqual([]);
  });
  it("first push example / method 1", () => {
    expect(emasBody("quick-start")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Target: { Type: "DEVICE", Value: "your-device-id", Platform: "IOS" },
        Message: { Title: "Test Message", Body: "This is a pass-through message" },
      },
    });
  });
  it("method 2", () => {
    expect(emasBody("quick-start-struct")).toEqual({
      AppKey: 233586006,
      PushTask: { Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" }, Message: { Title: "Message Title", Body: "Message Body" } },
    });
  });
  it("scenario 1: pass-through message", () => {
    expect(emasBody("data-sync")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" },
        Message: { Title: "Data Synchronization", Body: '{"type": "sync", "data": "..."}' },
      },
    });
  });
  it("scenario 2: iOS, Android and HarmonyOS notifications", () => {
    expect(emasBody("ios-order-reminder")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" },
        Notification: {
          Title: "Order Reminder",
          Body: "You have a new order",
          Ios: { ApnsEnv: "DEV", Badge: 1, Music: "default", ExtParameters: '{"orderId": "123456"}' },
        },
      },
    });
    expect(emasBody("android-order-reminder")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Target: { Type: "DEVICE", Value: "device-id", Platform: "ANDROID" },
        Notification: {
          Title: "Order Reminder",
          Body: "You have a new order",
          Android: {
            BadgeSetNum: 1,
            VendorChannelActivity: "com.example.MainActivity",
            ChannelId: "8.0up",
            ExtParameters: '{"orderId": "123456"}',
            TestMessage: true,
          },
        },
      },
    });
    expect(emasBody("hmos-order-reminder")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Target: { Type: "DEVICE", Value: "device-id", Platform: "HMOS" },
        Notification: { Title: "Order Reminder", Body: "You have a new order", Hmos: { BadgeSetNum: 1, ExtParameters: '{"orderId": "123456"}' } },
      },
    });
  });
  it("scenario 3: message plus offline notification", () => {
    expect(emasBody("new-message")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" },
        Message: { Title: "New Message", Body: '{"type": "chat", "content": "Hello"}' },
        Notification: { Title: "New Message", Body: "You have a new message", Ios: { ApnsEnv: "DEV", Badge: 1, ExtParameters: '{"orderId": "123456"}' } },
      },
    });
  });
  it("scenario 4: scheduled push (deferred at the seed clock: 2025 is beyond EMAS's 7-day window; compiled a day before)", () => {
    expect(byKey.has("event-reminder")).toBe(false);
    expect(project.deferred).toContainEqual({ campaign: "event-reminder", oneOff: true, count: 1, next: "2025-06-19T12:00:00Z" });
    const dayBefore = compileProject(loadCampaigns("campaigns/emas"), {
      apps: APPS,
      now: Date.parse("2025-06-18T12:00:00Z"),
      defaultTimezone: "Asia/Shanghai",
      audienceFiles: {},
    });
    byKey.set("event-reminder", dayBefore.tasks.find((t) => t.key === "event-reminder")!);
    expect(emasBody("event-reminder")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Action: "SCHEDULED_PUSH",
        Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" },
        Notification: { Title: "Event Reminder", Body: "The event you scheduled is about to start", Ios: { ApnsEnv: "PRODUCT" } },
        Options: { PushTime: "2025-06-19T12:00:00Z" },
      },
    });
    expect(byKey.get("event-reminder")?.sendAt).toBe("2025-06-19T12:00:00Z");
  });
  it("scenario 5: continuous push, create then execute (MessageId filled in at apply time)", () => {
    expect(emasBody("surprise-event#create")).toEqual({
      AppKey: 233586006,
      PushTask: {
        Action: "CREATE_CONTINUOUS_PUSH",
        Notification: { Title: "Surprise Event", Body: "Place an order now to get a 20% discount", Ios: { ApnsEnv: "PRODUCT" } },
      },
    });
    const execute = emasBody("surprise-event#1") as { PushTask: { Options: Record<string, unknown> } };
    expect(execute).toEqual({
      AppKey: 233586006,
      PushTask: { Action: "CONTINUOUS_PUSH", Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" }, Options: {} },
    });
    expect(byKey.get("surprise-event#1")?.dependsOn).toBe("surprise-event#create");
  });
});

describe("mPaaS seed example requests", () => {
  const IMAGE = "https://pre-mpaas.oss-cn-hangzhou.aliyuncs.com/tmp/test.png";
  it("Java example: a daily loop (StrategyContent as DESIGN.md 'Precise meanings' gives it)", () => {
    expect(mpaasParams("java-loop-test", ["user1024"])).toEqual({
      AppId: "ONEX570DA89211721",
      WorkspaceId: "test",
      TaskName: "Test task",
      Title: "Test",
      Content: "Test",
      DeliveryType: 3,
      ExtendedParams: '{"key1":"value1"}',
      ExpiredSeconds: 300,
      PushStyle: 2,
      ImageUrls: `{"defaultUrl":"${IMAGE}","oppoUrl":"${IMAGE}","miuiUrl":"${IMAGE}","fcmUrl":"${IMAGE}","iosUrl":"${IMAGE}"}`,
      IconUrls: `{"defaultUrl":"${IMAGE}","hmsUrl":"${IMAGE}","oppoUrl":"${IMAGE}","miuiUrl":"${IMAGE}"}`,
      StrategyType: 2,
      StrategyContent: '{"startTime":1625673600000,"endTime":1630252800000,"circleType":1,"time":"13:45:11"}',
    });
  });
  it("Python, Node.js and PHP examples: immediate pushes", () => {
    const common = { AppId: "ONEX570DA89211721", WorkspaceId: "test", DeliveryType: 3, ExpiredSeconds: 600 };
    expect(mpaasParams("python-test", ["user1024"])).toEqual({ ...common, TaskName: "Python test task", Title: "Python test", Content: "Test 2" });
    expect(mpaasParams("node-test", ["userid1024"])).toEqual({
      ...common,
      TaskName: "Node test task",
      Title: "Node test",
      Content: "Test",
      ExtendedParams: '{"test":"Custom extended parameter"}',
    });
    expect(mpaasParams("php-test", ["userid1024"])).toEqual({ ...common, TaskName: "PHP test task", Title: "PHP test", Content: "Test 3" });
  });
  it("the fixed-time request (StrategyType 1)", () => {
    expect(mpaasParams("simple-test", ["user1024"])).toEqual({
      AppId: "ONEX570DA89211721",
      WorkspaceId: "test",
      TaskName: "simpleTest",
      Title: "Test",
      Content: "Test",
      DeliveryType: 3,
      ExpiredSeconds: 300,
      StrategyType: 1,
      StrategyContent: '{"fixedTime":1630303126000}',
    });
  });
});

describe("determinism", () => {
  it("compiles the same input to the same tasks, and different tasks to different idempotency values", () => {
    const again = compileProject(loadCampaigns("campaigns"), { apps: APPS, now: SEED_NOW, defaultTimezone: "Asia/Shanghai", audienceFiles: {} });
    expect(again.tasks).toEqual(project.tasks);
    const tokens = project.tasks.filter((t): t is Extract<CompiledTask, { provider: "emas" }> => t.provider === "emas").map((t) => t.request.IdempotentToken);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
