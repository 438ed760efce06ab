/**
 * The provider clients against replies in the shapes the SDK models accept but the emulator does not emit (a
 * documented integer as a string and the reverse), and against malformed listings, which must fail rather than
 * read as empty. A loopback server gives each reply; the real OpenAPI runtime reads it.
 */
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CompiledTask } from "../../src/model/task.js";
import { emptySnapshot } from "../../src/model/state.js";
import { ProviderError } from "../../src/providers/errors.js";
import { createProviders } from "../../src/providers/registry.js";
import { refresh } from "../../src/refresh/refresh.js";
import { APPS } from "../compile/support.js";
import { startReplyServer, type ReplyServer } from "./reply-server.js";

const KEYS = { accessKeyId: "ak", accessKeySecret: "secret" };
const wallet = { provider: "mpaas" as const, appId: "ONEX570DA89211721", workspaceId: "test" };
const shop = { provider: "emas" as const, appKey: 233586006 };
const window = { from: "2026-06-01T00:00:00Z", to: "2026-06-08T00:00:00Z" };
const OK = { RequestId: "REQ-1", ResultCode: "OK", ResultMessage: "" };
const row = (extra: Record<string, unknown>) => ({
  UniqueId: "u1",
  ParentId: "u1",
  PushTime: Date.parse("2026-06-02T02:00:00Z"),
  PushTitle: "T",
  PushContent: "B",
  Type: 0,
  DeliveryType: 3,
  StrategyType: 1,
  ExecutedStatus: "0",
  ...extra,
});

let server: ReplyServer;
beforeEach(async () => {
  server = await startReplyServer();
});
afterEach(() => server.close());
const providers = () => createProviders({ endpoint: server.url, credentials: KEYS });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe("QueryPushSchedulerList replies", () => {
  it('takes ExecutedStatus 0 and "0" as pending, and PushTime as a number or a digit string', async () => {
    server.answer("QueryPushSchedulerList", {
      ...OK,
      ResultContent: {
        Data: {
          TotalCount: "3",
          List: [
            row({ UniqueId: "a", ParentId: "a", ExecutedStatus: 0 }),
            row({ UniqueId: "b", ParentId: "b", PushTime: String(Date.parse("2026-06-03T02:00:00Z")) }),
            row({ UniqueId: "c", ParentId: "c", ExecutedStatus: 1 }),
          ],
        },
      },
    });
    const listed = await providers().mpaas.listScheduled({ appRef: wallet, ...window });
    expect(listed.tasks.map((t) => [t.remoteId, t.status, t.sendAt])).toEqual([
      ["a", "scheduled", "2026-06-02T02:00:00Z"],
      ["b", "scheduled", "2026-06-03T02:00:00Z"],
      ["c", "sent", "2026-06-02T02:00:00Z"],
    ]);
  });

  it.each([
    ["no ResultContent.Data", { ...OK, ResultContent: {} }, "the reply's ResultContent.Data is missing"],
    ["no ResultContent at all", { ...OK }, "the reply's ResultContent.Data is missing"],
    [
      "a List that is not a list",
      { ...OK, ResultContent: { Data: { TotalCount: 1, List: row({}) } } },
      "the reply's ResultContent.Data.List is an object, not a list",
    ],
    ["no List", { ...OK, ResultContent: { Data: { TotalCount: 0 } } }, "the reply's ResultContent.Data.List is missing"],
    [
      "a row without ExecutedStatus",
      { ...OK, ResultContent: { Data: { TotalCount: 1, List: [row({ ExecutedStatus: undefined })] } } },
      "the reply's ResultContent.Data.List[0].ExecutedStatus is missing",
    ],
    [
      "a PushTime that is no instant",
      { ...OK, ResultContent: { Data: { TotalCount: 1, List: [row({ PushTime: "tomorrow" })] } } },
      'the reply\'s ResultContent.Data.List[0].PushTime is the text "tomorrow", not an integer',
    ],
  ])("refuses a reply with OK and %s, rather than read it as nothing scheduled", async (_, reply, message) => {
    server.answer("QueryPushSchedulerList", reply);
    const e = await failure(providers().mpaas.listScheduled({ appRef: wallet, ...window }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ code: "MalformedReply", providerMessage: message, requestId: "REQ-1" });
  });

  it("makes a malformed listing a refresh-failed: nothing is planned from it", async () => {
    server.answer("QueryPushSchedulerList", { ...OK, ResultContent: {} });
    server.answer("QueryPushRecords", { RequestId: "R", Total: 0, Page: 1, PageSize: 100, PushInfos: { PushInfo: [] } });
    const result = await refresh({
      snapshot: emptySnapshot("l"),
      providers: providers(),
      now: Date.parse("2026-06-01T00:00:00Z"),
      apps: APPS,
      retry: { attempts: 2, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
    });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "refresh-failed",
        message:
          'cannot list the scheduled tasks of app "wallet": mpaas QueryPushSchedulerList failed: MalformedReply: the reply\'s ResultContent.Data is missing (request id REQ-1)',
        hint: "2 replies in a row lacked what the provider's API documents: check that the config's endpoint (and region) is the provider's API, not another service, or run push plan again later; then run the command again. Nothing was planned or sent",
      }),
    ]);
    // Retried as a provider-side failure: the next reply may be whole.
    expect(server.requests.filter((r) => r.action === "QueryPushSchedulerList")).toHaveLength(2);
  });
});

describe("QueryPushRecords replies", () => {
  const info = (id: string | number, extra = {}) => ({
    AppKey: "233586006",
    MessageId: id,
    Title: "T",
    Body: "B",
    PushTime: "2026-06-02T02:00:00Z",
    Status: "SCHEDULED",
    ...extra,
  });

  it("takes Total as a digit string and a MessageId within 2^53 as a number", async () => {
    server.answer("QueryPushRecords", {
      RequestId: "R",
      Total: "2",
      Page: "1",
      PageSize: "100",
      PushInfos: { PushInfo: [info("11747540331280013"), info(42)] },
    });
    const listed = await providers().emas.listScheduled({ appRef: shop, ...window });
    expect(listed.tasks.map((t) => [t.remoteId, t.status, t.sendAt])).toEqual([
      ["11747540331280013", "scheduled", "2026-06-02T02:00:00Z"],
      ["42", "scheduled", "2026-06-02T02:00:00Z"],
    ]);
  });

  it.each([
    ["no PushInfos", { RequestId: "R", Total: 0 }, "the reply's PushInfos.PushInfo is missing"],
    [
      "a PushInfo that is one object",
      { RequestId: "R", Total: 1, PushInfos: { PushInfo: info("1") } },
      "the reply's PushInfos.PushInfo is an object, not a list",
    ],
    [
      "a MessageId rounded by the JSON parser",
      // biome-ignore lint/correctness/noPrecisionLoss: the point of the case: a MessageId above 2^53, rounded as a JSON number
      { RequestId: "R", Total: 1, PushInfos: { PushInfo: [info(11747540331280013)] } },
      "the reply's PushInfos.PushInfo[0].MessageId is number 11747540331280012, not a text",
    ],
    [
      "a PushTime that is no instant",
      { RequestId: "R", Total: 1, PushInfos: { PushInfo: [info("1", { PushTime: "soon" })] } },
      'the reply\'s PushInfos.PushInfo[0].PushTime is the text "soon", not an ISO-8601 instant',
    ],
  ])("refuses a listing with %s", async (_, reply, message) => {
    server.answer("QueryPushRecords", reply);
    const e = await failure(providers().emas.listScheduled({ appRef: shop, ...window }));
    expect(e).toMatchObject({ code: "MalformedReply", providerMessage: message, retryable: true });
  });
});

describe("send replies", () => {
  const emasTask = {
    provider: "emas",
    key: "k",
    request: {
      AppKey: 233586006,
      IdempotentToken: "c8016d13-6e76-4a3b-9bda-769383d11787",
      PushTask: { Action: "PUSH_IMMEDIATELY", Target: { Type: "DEVICE", Value: "d" }, Notification: { Title: "T", Body: "B" } },
    },
  } as unknown as CompiledTask;

  it('refuses a PushV2 reply without a MessageId instead of recording the id "undefined"; the outcome is unknown, so it is retried', async () => {
    server.answer("PushV2", { RequestId: "R" });
    const e = await failure(providers().emas.submit({ task: emasTask }));
    expect(e).toMatchObject({ code: "MalformedReply", providerMessage: "the reply's MessageId is missing", retryable: true });
  });

  it("refuses a MassPushV2 reply with fewer MessageIds than tasks", async () => {
    server.answer("MassPushV2", { RequestId: "R", MessageIds: ["1"] });
    const e = await failure(providers().emas.submitBatch!({ appKey: 1, idempotentToken: "t", tasks: [{}, {}] }));
    expect(e).toMatchObject({ code: "MalformedReply", providerMessage: "the reply's MessageIds has 1 id for 2 tasks" });
  });

  it("reads a PushSimple task id given as a number, and PushResult.Success as text", async () => {
    server.answer("PushSimple", { ...OK, PushResult: { Success: "true", Data: 123456 } });
    const task = {
      provider: "mpaas",
      key: "k",
      request: { AppId: "A", WorkspaceId: "w", TaskName: "t", Title: "T", Content: "C", DeliveryType: 3, TargetMsgkey: "{}", ExpiredSeconds: 300 },
    } as unknown as CompiledTask;
    expect(await providers().mpaas.submit({ task })).toEqual({ remoteId: "123456", requestId: "REQ-1" });
    server.answer("PushSimple", { ...OK, PushResult: { Success: "false", Data: "" } });
    expect(await failure(providers().mpaas.submit({ task }))).toMatchObject({ retryable: false, kind: "client" });
  });

  it("refuses a reply that is not a JSON object", async () => {
    server.answer("CancelPush", ["not", "an", "object"]);
    const e = await failure(providers().emas.cancel({ appRef: shop, remoteId: "1" }));
    expect(e).toMatchObject({ code: "MalformedReply", providerMessage: "the reply is a list, not a JSON object" });
  });
});

describe("mPaaS request bytes", () => {
  it("sends PushSimple's form fields in the SDK's order, alphabetical, so the body and its x-acs-content-sha256 are the SDK's", async () => {
    server.answer("PushSimple", { ...OK, PushResult: { Success: true, Data: "id" } });
    // api-facts §1.4's PushSimple vector, the fields given in the documents' order.
    const request = {
      AppId: "ONEX570DA89211721",
      WorkspaceId: "test",
      TaskName: "simpleTest",
      Title: "Test",
      Content: "Test",
      DeliveryType: 3,
      TargetMsgkey: { user1024: "1578807462788" },
      ExpiredSeconds: 300,
      StrategyType: 1,
      StrategyContent: { fixedTime: 1630303126000 },
    };
    await providers().mpaas.submit({ task: { provider: "mpaas", key: "simple-test", request } as unknown as CompiledTask });
    const sent = server.requests.at(-1)!;
    const expected =
      "AppId=ONEX570DA89211721&Content=Test&DeliveryType=3&ExpiredSeconds=300&StrategyContent=%7B%22fixedTime%22%3A1630303126000%7D&StrategyType=1" +
      "&TargetMsgkey=%7B%22user1024%22%3A%221578807462788%22%7D&TaskName=simpleTest&Title=Test&WorkspaceId=test";
    expect(sent.body.toString("utf8")).toBe(expected);
    expect(sent.headers["x-acs-content-sha256"]).toBe(createHash("sha256").update(expected).digest("hex"));
  });

  it("sends QueryPushSchedulerList's and CancelPushScheduler's fields in the same order", async () => {
    server.answer("QueryPushSchedulerList", { ...OK, ResultContent: { Data: { TotalCount: 0, List: [] } } });
    server.answer("CancelPushScheduler", { ...OK, ResultContent: "" });
    await providers().mpaas.listScheduled({ appRef: wallet, ...window });
    await providers().mpaas.cancel({ appRef: wallet, remoteId: "u1" });
    expect(server.requests.map((r) => r.body.toString("utf8"))).toEqual([
      `AppId=ONEX570DA89211721&EndTime=${Date.parse(window.to)}&PageNumber=1&PageSize=500&StartTime=${Date.parse(window.from)}&WorkspaceId=test`,
      "AppId=ONEX570DA89211721&UniqueIds=u1&WorkspaceId=test",
    ]);
  });
});

// A loop's children folded into the loop: one row still pending keeps it scheduled, whichever form its status has.
it("keeps a loop scheduled while one child, with ExecutedStatus as a number, is pending", async () => {
  const t = (day: number) => Date.parse(`2026-06-0${day}T02:00:00Z`);
  server.answer("QueryPushSchedulerList", {
    ...OK,
    ResultContent: {
      Data: {
        TotalCount: 2,
        List: [
          row({ UniqueId: "c1", ParentId: "loop", PushTime: t(2), ExecutedStatus: 1 }),
          row({ UniqueId: "c2", ParentId: "loop", PushTime: t(3), ExecutedStatus: 0 }),
        ],
      },
    },
  });
  const listed = await providers().mpaas.listScheduled({ appRef: wallet, ...window });
  expect(listed.tasks).toEqual([expect.objectContaining({ remoteId: "loop", status: "scheduled", sendAt: "2026-06-03T02:00:00Z" })]);
});

describe("without credentials", () => {
  it("says the default credential chain found no key pair, without the chain's dump of every source it tried", async () => {
    for (const name of Object.keys(process.env).filter((n) => /^(ALIBABA_CLOUD_|ALICLOUD_)/.test(n))) vi.stubEnv(name, undefined);
    vi.stubEnv("HOME", mkdtempSync(join(tmpdir(), "push-nokeys-")));
    vi.stubEnv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
    // The chain's last source, a credentials URI, asks this server (which has none) rather than a host named "undefined".
    vi.stubEnv("ALIBABA_CLOUD_CREDENTIALS_URI", `${server.url}/credentials`);
    try {
      const keyless = createProviders({ endpoint: server.url });
      const result = await refresh({
        snapshot: emptySnapshot("l"),
        providers: keyless,
        now: Date.parse("2026-06-01T00:00:00Z"),
        apps: APPS,
        retry: { attempts: 1, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 },
      });
      expect(result.diagnostics.map((d) => [d.message, d.hint])).toEqual(
        ["emas QueryPushRecords", "mpaas QueryPushSchedulerList"].map((call, i) => [
          `cannot list the scheduled tasks of app "${i ? "wallet" : "shop"}": ${call} failed: NoCredentials: the Alibaba Cloud default credential chain found no key pair (nothing was sent)`,
          "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or give a profile, RAM role or OIDC token of the Alibaba Cloud default credential chain; then run the command again. Nothing was planned or sent",
        ]),
      );
      expect(server.requests.filter((r) => r.action !== "")).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
