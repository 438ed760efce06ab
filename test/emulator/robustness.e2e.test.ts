import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { OpenApiCaller } from "../../src/providers/openapi.js";

// The emulator shares the CLI's process in embedded mode: nothing a client does may take it down.
const running: RunningEmulator[] = [];
const cleanups: Array<() => void> = [];
const escaped: unknown[] = [];
const collect = (e: unknown) => escaped.push(e);
beforeEach(() => {
  process.on("unhandledRejection", collect);
  process.on("uncaughtException", collect);
});
afterEach(async () => {
  process.off("unhandledRejection", collect);
  process.off("uncaughtException", collect);
  escaped.length = 0;
  for (const e of running.splice(0)) await e.close().catch(() => undefined);
  cleanups.splice(0).forEach((c) => c());
});

async function start(dataFile?: string) {
  const emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z"), ...(dataFile ? { dataFile } : {}) });
  running.push(emulator);
  const emas = new OpenApiCaller("emas", { endpoint: emulator.endpoint, protocol: "http", regionId: "cn-hangzhou", credentials: emulator.credentials });
  const push = () =>
    emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: '{"Target":{"Type":"ALL"},"Notification":{"Title":"T","Body":"B"}}' } });
  return { emulator, emas, push };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("emulator robustness", () => {
  it("survives a client that disconnects mid-body, and serves the next request", async () => {
    const { emulator, push } = await start();
    await new Promise<void>((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port: emulator.port,
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": "1000" },
      });
      req.on("error", () => resolve());
      req.write("AppId=abc");
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await settle(200);
    expect(escaped).toEqual([]);
    expect((await push()).MessageId).toMatch(/^\d{17}$/);
  });
  it("reports a data file it cannot write on the next request instead of crashing from its write timer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "push-emulator-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "not-a-directory"), "");
    const { push } = await start(join(dir, "not-a-directory", "emulator.json"));
    await push();
    await settle(100); // the coalesced write fires and fails
    expect(escaped).toEqual([]);
    const failure = await push().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "InternalError", kind: "server", httpStatus: 500 });
    expect((failure as Error).message).toContain("cannot write");
  });
  it("answers a URL too large to parse with a JSON error the runtime reads, not an empty 431", async () => {
    const { emas } = await start();
    const huge = JSON.stringify({ Target: { Type: "ALL" }, Message: { Body: "x".repeat(5 << 20) } });
    const failure = await emas.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: huge } }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "RequestHeaderFieldsTooLarge", kind: "client", retryable: false, httpStatus: 431 });
  });
  it("rejects startEmulator on a port in use instead of throwing from an unheard 'error' event", async () => {
    const { emulator } = await start();
    await expect(startEmulator({ port: emulator.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    await settle(50);
    expect(escaped).toEqual([]);
  });
});
