import { describe, expect, it } from "vitest";
import { runEmulatorCommand } from "../../src/cli/commands/emulator.js";
import { OpenApiCaller } from "../../src/providers/openapi.js";

describe("push emulator", () => {
  it("serves signed requests with the environment's key pair, until stopped", async () => {
    let out = "";
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "ak-test", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "sk-test" }, cwd: process.cwd() };
    const done = runEmulatorCommand({}, io, stopped);
    await new Promise((r) => setTimeout(r, 200));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain("access key: ak-test (from ALIBABA_CLOUD_ACCESS_KEY_ID)");
    expect(out).not.toContain("sk-test");
    const caller = new OpenApiCaller("emas", { endpoint: new URL(url!).host, protocol: "http", regionId: "cn-hangzhou", credentials: { accessKeyId: "ak-test", accessKeySecret: "sk-test" } });
    const body = await caller.call("PushV2", "2016-08-01", { query: { AppKey: "1", PushTask: '{"Target":{"Type":"ALL"},"Notification":{"Title":"T","Body":"B"}}' } });
    expect(body.MessageId).toMatch(/^\d{17}$/);
    stop();
    expect(await done).toBe(0);
  });
});
