import type { LoopStrategyContent } from "../../src/model/task.js";
import { describe, expect, it } from "vitest";
import type { AppRef } from "../../src/model/app.js";
import { emptySnapshot, type StateSnapshot, type TaskRecord } from "../../src/model/state.js";
import { ProviderError } from "../../src/providers/errors.js";
import type { Provider, ProviderRegistry } from "../../src/providers/provider.js";
import { refresh } from "../../src/refresh/refresh.js";
import { APPS } from "../compile/support.js";

const failing = (error: ProviderError): Provider => ({
  name: error.provider,
  submit: () => Promise.reject(new Error("not called")),
  cancel: () => Promise.reject(new Error("not called")),
  listScheduled: () => Promise.reject(error),
});
const retry = { attempts: 2, baseMs: 1, maxMs: 1, sleep: async () => {}, random: () => 0 };
const scheduled = (key: string, app: string, appRef: AppRef): TaskRecord => ({
  key,
  campaign: key,
  provider: appRef.provider,
  app,
  appRef,
  remoteId: `id-${key}`,
  hash: "h",
  sendAt: "1970-01-02T00:00:00Z",
  status: "scheduled",
  request: { AppKey: 1, IdempotentToken: "t", PushTask: {} },
  origin: "push",
  createdAt: "",
  updatedAt: "",
});
/** One scheduled task recorded in each app, so each app is listed. */
const snapshot: StateSnapshot = {
  ...emptySnapshot("l"),
  tasks: {
    e: scheduled("e", "shop", { provider: "emas", appKey: 233586006 }),
    m: scheduled("m", "wallet", { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" }),
  },
};

describe("refresh", () => {
  it("turns each failed listing into a diagnostic of its app, here the credential chain finding no key pair", async () => {
    // As the client reports it (test/providers/replies.e2e.test.ts runs the real chain).
    const chain = (provider: "emas" | "mpaas", action: string) =>
      new ProviderError(
        provider,
        action,
        "client",
        "NoCredentials",
        "the Alibaba Cloud default credential chain found no key pair",
        undefined,
        undefined,
        "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile",
      );
    const providers = { emas: failing(chain("emas", "QueryPushRecords")), mpaas: failing(chain("mpaas", "QueryPushSchedulerList")) } as ProviderRegistry;
    const result = await refresh({ snapshot, providers, now: 0, apps: APPS, retry });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "refresh-failed",
        message: expect.stringContaining(
          'app "shop": emas QueryPushRecords failed: NoCredentials: the Alibaba Cloud default credential chain found no key pair (nothing was sent)',
        ),
      }),
      expect.objectContaining({
        severity: "error",
        code: "refresh-failed",
        message: expect.stringContaining('app "wallet": mpaas QueryPushSchedulerList failed: NoCredentials'),
      }),
    ]);
    expect(result.diagnostics[0]!.hint).toMatch(/^set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
  });

  it("names the app key of an app with one per platform, and says a host that does not resolve is not the keys' fault", async () => {
    const dns = new ProviderError(
      "emas",
      "QueryPushRecords",
      "client",
      "ENOTFOUND",
      "getaddrinfo ENOTFOUND push.invalid (POST https://push.invalid/)",
      undefined,
      undefined,
    );
    const ok: Provider = { ...failing(dns), name: "mpaas", listScheduled: async () => ({ tasks: [], calls: 1 }) };
    const apps = { multi: { name: "multi", provider: "emas", appKeys: { ios: 1111, android: 2222 } } } as const;
    const result = await refresh({ snapshot: emptySnapshot("l"), providers: { emas: failing(dns), mpaas: ok }, now: 0, apps, retry });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'cannot list the scheduled tasks of app "multi" (app key 1111): emas QueryPushRecords failed: ENOTFOUND: getaddrinfo ENOTFOUND push.invalid (POST https://push.invalid/) (no request id: no reply came from the provider)',
      expect.stringContaining('app "multi" (app key 2222)'),
    ]);
    expect(result.diagnostics[0]!.hint).toMatch(/^the endpoint's host name does not resolve: check the config's endpoint/);
  });

  it("says a throttled listing was retried, with the provider's request id", async () => {
    const throttled = new ProviderError(
      "mpaas",
      "QueryPushSchedulerList",
      "throttled",
      "Throttling.User",
      "Request was denied due to user flow control.",
      "REQ-1",
      400,
    );
    const ok: Provider = { ...failing(throttled), name: "emas", listScheduled: async () => ({ tasks: [], calls: 1 }) };
    const result = await refresh({ snapshot, providers: { emas: ok, mpaas: failing(throttled) }, now: 0, apps: APPS, retry });
    expect(result.diagnostics[0]!.message).toContain(
      'app "wallet": mpaas QueryPushSchedulerList failed: Throttling.User: Request was denied due to user flow control. (request id REQ-1)',
    );
    expect(result.diagnostics[0]!.hint).toContain("still throttled after 2 attempts");
  });

  it("takes an unlisted loop as sent once its last run is past, and as cancelled outside push before that", async () => {
    const appRef = { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } as const;
    // Mondays at 10:00 Shanghai from June 1 to June 29, 2026: the first run is 06-01T02:00Z, the last 06-29T02:00Z.
    const StrategyContent = {
      startTime: Date.parse("2026-05-31T16:00:00Z"),
      endTime: Date.parse("2026-06-28T16:00:00Z"),
      circleType: 2 as const,
      circleValue: [1],
      time: "10:00:00",
    } satisfies LoopStrategyContent;
    const loop: TaskRecord = {
      ...scheduled("loop", "wallet", appRef),
      sendAt: "2026-06-01T02:00:00Z",
      request: {
        AppId: appRef.appId,
        WorkspaceId: "test",
        TaskName: "t",
        Title: "t",
        Content: "b",
        DeliveryType: 3,
        TargetMsgkey: {},
        ExpiredSeconds: 60,
        StrategyType: 2,
        StrategyContent,
      },
    };
    const nothing: Provider = {
      ...failing(new ProviderError("emas", "x", "client", "x", "x", undefined, undefined)),
      listScheduled: async () => ({ tasks: [], calls: 1 }),
    };
    const at = (iso: string) =>
      refresh({ snapshot: { ...emptySnapshot("l"), tasks: { loop } }, providers: { emas: nothing, mpaas: nothing }, now: Date.parse(iso), apps: APPS, retry });
    const running = await at("2026-06-10T00:00:00Z");
    expect(running.observed).toEqual({ loop: "cancelled" });
    expect(running.drift).toEqual([{ key: "loop", remoteId: "id-loop", observed: "missing", detail: "no longer listed by the provider" }]);
    const ended = await at("2026-06-29T03:00:00Z");
    expect(ended.observed).toEqual({ loop: "sent" });
    expect(ended.drift).toEqual([]);
  });
});
