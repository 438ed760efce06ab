import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenApi, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@darabonba/typescript";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

// Hand-made requests signed by the runtime's own V3 signer, to replay nonces, age dates and drop signed headers.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z") });
});
afterAll(() => emulator.close());

async function send(options: { nonce?: string; date?: Date | string; signedHeaders?: string[]; latencyMs?: number } = {}) {
  const query = { AppKey: "1", PushTask: '{"Target":{"Type":"ALL"},"Notification":{"Title":"T","Body":"B"}}' };
  const payload = createHash("sha256").update("").digest("hex");
  const headers: Record<string, string> = {
    host: emulator.endpoint,
    "x-acs-action": "PushV2",
    "x-acs-version": "2016-08-01",
    "x-acs-date": typeof options.date === "string" ? options.date : (options.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": options.nonce ?? randomBytes(16).toString("hex"),
    "x-acs-content-sha256": payload,
  };
  const signed = options.signedHeaders ? Object.fromEntries(Object.entries(headers).filter(([k]) => options.signedHeaders!.includes(k))) : headers;
  const request = { method: "POST", pathname: "/", query, headers: signed } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  const authorization = OpenApiUtil.getAuthorization(
    request,
    "ACS3-HMAC-SHA256",
    payload,
    emulator.credentials.accessKeyId,
    emulator.credentials.accessKeySecret,
  );
  const response = await fetch(`${emulator.url}/?${new URLSearchParams(query)}`, { method: "POST", headers: { ...headers, authorization } });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe("emulator signature checks over HTTP", () => {
  it("accepts a correctly signed request", async () => {
    expect(await send()).toMatchObject({ status: 200, body: { MessageId: expect.stringMatching(/^\d{17}$/) } });
  });
  it("refuses a replayed nonce", async () => {
    const nonce = randomBytes(16).toString("hex");
    expect((await send({ nonce })).status).toBe(200);
    expect(await send({ nonce })).toMatchObject({ status: 400, body: { Code: "SignatureNonceUsed", HostId: "cloudpush.aliyuncs.com" } });
  });
  it("refuses an x-acs-date more than 15 minutes off", async () => {
    expect(await send({ date: new Date(Date.now() - 16 * 60_000) })).toMatchObject({ status: 400, body: { Code: "InvalidTimeStamp.Expired" } });
  });
  it("refuses a fresh x-acs-date in any form but UTC yyyy-MM-ddTHH:mm:ssZ (api-facts §1.3)", async () => {
    for (const date of [new Date().toUTCString(), new Date().toISOString(), String(Date.now())]) {
      expect(await send({ date }), date).toMatchObject({ status: 400, body: { Code: "InvalidTimeStamp.Format" } });
    }
  });
  it("refuses a V2 (HMAC-SHA1) signed request, saying only ACS3-HMAC-SHA256 is supported", async () => {
    const Client = ((OpenApi as unknown as { default?: typeof OpenApi }).default ?? OpenApi) as unknown as new (
      config: unknown,
    ) => { callApi(...args: unknown[]): Promise<unknown> };
    const v2 = new Client(
      new $OpenApiUtil.Config({ ...emulator.credentials, endpoint: emulator.endpoint, protocol: "http", regionId: "cn-hangzhou", signatureAlgorithm: "v2" }),
    );
    const params = new $OpenApiUtil.Params({
      action: "PushV2",
      version: "2016-08-01",
      protocol: "HTTP",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new $OpenApiUtil.OpenApiRequest({ query: { AppKey: "1", PushTask: '{"Target":{"Type":"ALL"},"Notification":{"Title":"T","Body":"B"}}' } });
    const error = (await v2.callApi(params, request, new RuntimeOptions({})).catch((e: unknown) => e)) as {
      statusCode: number;
      code: string;
      data: { Message: string };
    };
    expect(error).toMatchObject({ statusCode: 400, code: "IncompleteSignature" });
    expect(error.data.Message).toContain("supports only ACS3-HMAC-SHA256");
    expect(error.data.Message).toContain("HMAC-SHA1");
  });
  it("refuses a request that does not sign a required header", async () => {
    const partial = await send({ signedHeaders: ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-content-sha256"] });
    expect(partial).toMatchObject({ status: 400, body: { Code: "IncompleteSignature" } });
    expect(partial.body.Message).toContain("x-acs-signature-nonce");
  });
  it("adds the configured latency", async () => {
    emulator.setFaults({ latencyMs: 150 });
    const t0 = performance.now();
    await send();
    const elapsed = performance.now() - t0;
    emulator.setFaults({});
    expect(elapsed).toBeGreaterThanOrEqual(145);
  });
});
