import { spawn, spawnSync } from "node:child_process";
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
    const io = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "ak-test", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "sk-test" },
      cwd: process.cwd(),
    };
    const done = runEmulatorCommand({}, io, stopped);
    await new Promise((r) => setTimeout(r, 200));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(out).toContain("access key: ak-test (from ALIBABA_CLOUD_ACCESS_KEY_ID)");
    expect(out).not.toContain("sk-test");
    const caller = new OpenApiCaller("emas", {
      endpoint: new URL(url!).host,
      protocol: "http",
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: "ak-test", accessKeySecret: "sk-test" },
    });
    const body = await caller.call("PushV2", "2016-08-01", {
      query: { AppKey: "1", PushTask: '{"Target":{"Type":"ALL"},"Notification":{"Title":"T","Body":"B"}}' },
    });
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
    const project = tempProject({
      ".pushrc.json": EXAMPLE_RC,
      "package.json": "{}",
      "campaigns/a.yaml": "id: a\napp: shop\ntarget: {platform: ios, devices: [d]}\nnotification: {title: t, body: b}\n",
      ".push/emulator.json": "garbage",
    });
    try {
      const run = await runPush(["plan"], { cwd: project.root });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("emulator.json is not an emulator store (not JSON:");
      expect(readFileSync(join(project.root, ".push", "emulator.json"), "utf8")).toBe("garbage");
    } finally {
      project.cleanup();
    }
  });

  /** `push ARGS... emulator` as a process (the bin, built), until `stop()`; its output so far and its URL. */
  async function spawnEmulator(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [join(process.cwd(), "bin", "push.js"), ...args, "emulator"], { env: { ...process.env, NO_COLOR: "1", ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    while (!/clock: .*\n/.test(out) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    return {
      out: () => out,
      url,
      stop: () => {
        child.kill("SIGINT");
        return exited;
      },
      exited,
    };
  }

  const KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: "ak-now", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "sk-now" };
  const schedule = (url: string, at: string) =>
    new OpenApiCaller("emas", {
      endpoint: new URL(url).host,
      protocol: "http",
      regionId: "cn-hangzhou",
      credentials: { accessKeyId: "ak-now", accessKeySecret: "sk-now" },
    }).call("PushV2", "2016-08-01", {
      query: {
        AppKey: "1",
        PushTask: JSON.stringify({
          Action: "SCHEDULED_PUSH",
          Target: { Platform: "ANDROID", Type: "DEVICE", Value: "d1" },
          Notification: { Title: "T", Body: "B" },
          Options: { PushTime: at },
        }),
      },
    });

  it("runs the providers' clock from the global --now (or PUSH_NOW), advancing with real time", async () => {
    for (const [args, env] of [
      [["--now", "2026-06-01T00:00:00Z"], {}],
      [[], { PUSH_NOW: "2026-06-01T00:00:00Z" }],
    ] as const) {
      const emulator = await spawnEmulator([...args], { ...KEYS, ...env });
      try {
        expect(emulator.out()).toContain("clock: starts at 2026-06-01T00:00:00.000Z");
        // In the providers' time a push 2 s after the pinned instant is ahead (by real time it is long past)...
        const { MessageId } = (await schedule(emulator.url!, "2026-06-01T00:00:02Z")) as { MessageId: string };
        // ...and it falls due as that clock advances.
        const caller = new OpenApiCaller("emas", {
          endpoint: new URL(emulator.url!).host,
          protocol: "http",
          regionId: "cn-hangzhou",
          credentials: { accessKeyId: "ak-now", accessKeySecret: "sk-now" },
        });
        let sent = 0;
        while (sent === 0) {
          await new Promise((r) => setTimeout(r, 250));
          const stats = (await caller.call("QueryPushStatByMsg", "2016-08-01", { query: { AppKey: "1", MessageId } })) as {
            PushStats: { PushStat: Array<{ SentCount: number }> };
          };
          sent = stats.PushStats.PushStat[0]!.SentCount;
        }
        expect(sent).toBeGreaterThan(0);
        expect(await emulator.stop()).toBe(0);
      } finally {
        await emulator.stop();
      }
    }
  });

  it("refuses a --now that is not an instant, and without it runs on real time", async () => {
    const bad = await spawnEmulator(["--now", "yesterday"], KEYS);
    expect(await bad.exited).toBe(1);
    expect(bad.out()).toContain('error[clock-format]: --now "yesterday" is not an ISO-8601 instant with a zone');
    const real = await spawnEmulator([], KEYS);
    try {
      expect(real.out()).toContain("clock: real time");
      const past = await schedule(real.url!, "2026-06-01T00:00:02Z").catch((e: unknown) => e);
      expect(past).toMatchObject({ code: "InvalidPushTime.Past" });
    } finally {
      await real.stop();
    }
  });

  it("documents the clock in push emulator --help", () => {
    const help = spawnSync(process.execPath, ["bin/push.js", "emulator", "--help"], { encoding: "utf8" }).stdout;
    expect(help).toContain("--now");
    expect(help).toContain("advances with real time");
  });
});
