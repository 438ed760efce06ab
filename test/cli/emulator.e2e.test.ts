import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEmulatorCommand } from "../../src/cli/commands/emulator.js";
import { OpenApiCaller } from "../../src/providers/openapi.js";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

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
  it("refuses a data file that is not an emulator store, and a port in use, without a stack trace or a write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "push-emulator-"));
    try {
      const notes = join(dir, "notes.txt");
      writeFileSync(notes, "important notes\n");
      let err = "";
      const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: dir };
      expect(await runEmulatorCommand({ data: notes }, io, Promise.resolve())).toBe(1);
      expect(err).toContain(`error: ${notes} is not an emulator store (not JSON:`);
      expect(readFileSync(notes, "utf8")).toBe("important notes\n");

      const busy = createServer();
      await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
      const port = (busy.address() as AddressInfo).port;
      err = "";
      expect(await runEmulatorCommand({ port }, io, Promise.resolve())).toBe(1);
      expect(err).toBe(`error: port ${port} is in use: give another --port, or leave it out for a free one\n`);
      busy.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("plan refuses a corrupt embedded emulator store instead of starting over", async () => {
    const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/a.yaml": "id: a\napp: shop\ntarget: {platform: ios, devices: [d]}\nnotification: {title: t, body: b}\n", ".push/emulator.json": "garbage" });
    try {
      const run = await runPush(["plan"], { cwd: project.root });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("emulator.json is not an emulator store (not JSON:");
      expect(readFileSync(join(project.root, ".push", "emulator.json"), "utf8")).toBe("garbage");
    } finally {
      project.cleanup();
    }
  });
});
