import { createHash, randomBytes } from "node:crypto";
import { request, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { MAX_BODY_BYTES, startEmulator, type RunningEmulator } from "../../src/emulator/index.js";

// An unauthenticated client must not make the emulator buffer a body of any size: the size is capped before the
// body is read, and the signature (which covers the headers and the claimed body hash) is checked first.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z") });
});
afterAll(() => emulator.close());

/** mPaaS headers for a body whose sha256 is `payload`, signed by the runtime's own V3 signer (or not signed). */
function headers(payload: string, signed: boolean): Record<string, string> {
  const base: Record<string, string> = {
    host: emulator.endpoint,
    "content-type": "application/x-www-form-urlencoded",
    "x-acs-action": "PushSimple",
    "x-acs-version": "2020-10-28",
    "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": randomBytes(16).toString("hex"),
    "x-acs-content-sha256": payload,
  };
  if (!signed) return base;
  const req = { method: "POST", pathname: "/", query: {}, headers: base } as unknown as Parameters<typeof OpenApiUtil.getAuthorization>[0];
  return {
    ...base,
    authorization: OpenApiUtil.getAuthorization(req, "ACS3-HMAC-SHA256", payload, emulator.credentials.accessKeyId, emulator.credentials.accessKeySecret),
  };
}

/**
 * Sends the headers, then body chunks until the server answers (or `maxBytes` have gone); resolves with the answer
 * and how many body bytes were sent before it came.
 */
function send(head: Record<string, string>, maxBytes: number): Promise<{ status: number; body: Record<string, string>; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: "127.0.0.1", port: emulator.port, method: "POST", path: "/", headers: head });
    req.on("response", (res: IncomingMessage) => {
      answered = true;
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, string>, sent }));
    });
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < maxBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    req.flushHeaders();
    setImmediate(pump);
  });
}

describe("the emulator's request size limit", () => {
  it("refuses a declared 1.5 GB body with 413 in the providers' error shape, before reading it", async () => {
    const answer = await send({ ...headers("0".repeat(64), true), "content-length": String(1_500_000_000) }, 0);
    expect(answer).toMatchObject({
      status: 413,
      body: { Code: "RequestEntityTooLarge", HostId: "mpaas.cn-hangzhou.aliyuncs.com", RequestId: expect.any(String) },
    });
    expect(answer.sent).toBe(0);
  });

  it("stops reading a chunked body at the limit", async () => {
    const answer = await send({ ...headers("0".repeat(64), true), "transfer-encoding": "chunked" }, 64 * MAX_BODY_BYTES);
    expect(answer).toMatchObject({ status: 413, body: { Code: "RequestEntityTooLarge" } });
    // The client pushes until it hears the refusal; the server took at most the limit (plus the sockets' buffers).
    expect(answer.sent).toBeLessThan(64 * MAX_BODY_BYTES);
  });

  it("checks the signature before reading the body: an unsigned request is refused while its body is unsent", async () => {
    const answer = await send({ ...headers("0".repeat(64), false), "content-length": "1000" }, 0);
    expect(answer).toMatchObject({ status: 400, body: { Code: "IncompleteSignature" } });
    const forged: Record<string, string> = { ...headers("0".repeat(64), true), "content-length": "1000" };
    forged.authorization = forged.authorization!.replace(/Signature=[0-9a-f]+/, `Signature=${"0".repeat(64)}`);
    expect(await send(forged, 0)).toMatchObject({ status: 400, body: { Code: "SignatureDoesNotMatch" } });
  });

  it("still refuses a signed request whose body does not match its x-acs-content-sha256", async () => {
    const body = "AppId=ONEX570DA89211721&WorkspaceId=test";
    const claimed = createHash("sha256").update("something else").digest("hex");
    const answer = await new Promise<{ status: number; body: Record<string, string> }>((resolve) => {
      const req = request(
        { host: "127.0.0.1", port: emulator.port, method: "POST", path: "/", headers: { ...headers(claimed, true), "content-length": String(body.length) } },
        (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, string> }));
        },
      );
      req.end(body);
    });
    expect(answer).toMatchObject({ status: 400, body: { Code: "SignatureDoesNotMatch" } });
  });
});
