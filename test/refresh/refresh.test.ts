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
  key, campaign: key, provider: appRef.provider, app, appRef, remoteId: `id-${key}`, hash: "h", sendAt: "1970-01-02T00:00:00Z", status: "scheduled",
  request: { AppKey: 1, IdempotentToken: "t", PushTask: {} }, origin: "push", createdAt: "", updatedAt: "",
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
  it("turns a failed listing into one diagnostic, here the credential chain finding no key pair", async () => {
    const chain = new ProviderError("emas", "QueryPushRecords", "client", "Error", "unable to get credentials from any of the providers in the chain", undefined, undefined);
    const providers = { emas: failing(chain), mpaas: failing(chain) } as ProviderRegistry;
    const result = await refresh({ snapshot, providers, now: 0, apps: APPS, retry });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "refresh-failed", message: expect.stringContaining('app "shop": emas QueryPushRecords failed: Error: unable to get credentials') }),
    ]);
    expect(result.diagnostics[0]!.hint).toMatch(/^set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
  });

  it("says a throttled listing was retried, with the provider's request id", async () => {
    const throttled = new ProviderError("mpaas", "QueryPushSchedulerList", "throttled", "Throttling.User", "Request was denied due to user flow control.", "REQ-1", 400);
    const ok: Provider = { ...failing(throttled), name: "emas", listScheduled: async () => ({ tasks: [], calls: 1 }) };
    const result = await refresh({ snapshot, providers: { emas: ok, mpaas: failing(throttled) }, now: 0, apps: APPS, retry });
    expect(result.diagnostics[0]!.message).toContain('app "wallet": mpaas QueryPushSchedulerList failed: Throttling.User: Request was denied due to user flow control. (request id REQ-1)');
    expect(result.diagnostics[0]!.hint).toContain("still throttled after 2 attempts");
  });
});
