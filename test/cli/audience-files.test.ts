import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPush } from "../support/cli.js";

// An audience file is a list of ids inside the project: never a way to publish another file the runner can read.
const SECRET = "fake-secret-Zq81xK";
const NOW = { PUSH_NOW: "2026-06-01T00:00:00Z" };
const CONFIG = JSON.stringify({
  apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } },
  endpoint: "local",
});

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `<tmp>/outside/.env` beside `<tmp>/project/` (the project), so `../../outside/.env` from campaigns/ leaves it. */
function layout(files: Record<string, string>): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), "push-audience-"));
  dirs.push(base);
  const root = join(base, "project");
  const outside = join(base, "outside");
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, ".env"), `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${SECRET}\n`);
  writeFileSync(join(outside, "ids.txt"), `${SECRET}\n`);
  for (const [name, text] of Object.entries({ ".pushrc.json": CONFIG, ...files })) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, outside };
}

const campaign = (key: string, path: string, app = key.startsWith("devices") || key.startsWith("accounts") ? "shop" : "wallet") =>
  `id: a\napp: ${app}\nnotification: { title: T, body: B }\ntarget:\n${app === "shop" ? "  platform: android\n" : ""}  ${key}: ${path}\n`;

const RUNS = [
  ["validate"],
  ["validate", "--format", "json"],
  ["validate", "--format", "github"],
  ["compile"],
  ["plan"],
  ["plan", "--format", "json"],
  ["plan", "--format", "markdown"],
];

async function everyOutput(root: string): Promise<Array<{ argv: string[]; code: number; out: string }>> {
  const outs = [];
  for (const argv of RUNS) {
    const run = await runPush(argv, { cwd: root, env: NOW });
    outs.push({ argv, code: run.code, out: run.stdout + run.stderr });
  }
  return outs;
}

describe("audience files", () => {
  it("refuses a file outside the project, by a relative path: nothing of it in any output", async () => {
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../../outside/.env") });
    for (const { argv, code, out } of await everyOutput(root)) {
      expect(code, argv.join(" ")).toBe(1);
      expect(out, argv.join(" ")).toContain("audience-file-outside");
      expect(out, argv.join(" ")).not.toContain(SECRET);
      expect(out).not.toContain("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    }
  });

  it("refuses a symlink inside the project that resolves outside it, and a link to a device", async () => {
    const { root, outside } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences/vip.txt") });
    mkdirSync(join(root, "audiences"));
    symlinkSync(join(outside, "ids.txt"), join(root, "audiences", "vip.txt"));
    for (const { argv, code, out } of await everyOutput(root)) {
      expect(code, argv.join(" ")).toBe(1);
      expect(out).toContain("audience-file-outside");
      expect(out).not.toContain(SECRET);
    }
  });

  it("follows a symlink that stays inside the project", async () => {
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences/vip.txt"), "data/ids.txt": "device-1\ndevice-2\n" });
    mkdirSync(join(root, "audiences"));
    symlinkSync(join(root, "data", "ids.txt"), join(root, "audiences", "vip.txt"));
    const run = await runPush(["compile"], { cwd: root, env: NOW });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain('"Value": "device-1,device-2"');
  });

  it("refuses what is not a regular file: a folder, a fifo, /proc", async () => {
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences"), "audiences/x.txt": "d\n" });
    const folder = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(folder.code).toBe(1);
    expect(folder.stdout).toContain("audience-file-not-regular");

    execFileSync("mkfifo", [join(root, "audiences", "pipe")]);
    writeFileSync(join(root, "campaigns/a.yaml"), campaign("devicesFile", "../audiences/pipe"));
    const fifo = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(fifo.code).toBe(1);
    expect(fifo.stdout).toContain("audience-file-not-regular");

    writeFileSync(join(root, "campaigns/a.yaml"), campaign("devicesFile", "../../../../../../../../../../proc/self/environ"));
    const proc = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(proc.code).toBe(1);
    expect(proc.stdout).toContain("audience-file-outside");
    expect(proc.stdout).not.toContain("PATH=");
  });

  it("names file and line of a line that is not an id, quoting only a short masked excerpt and drawing no frame", async () => {
    const lines = [
      "device-1",
      `DATABASE_URL=postgres://bob:${SECRET}@db/push`,
      "-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSj",
      "device-2",
    ];
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences/vip.txt"), "audiences/vip.txt": lines.join("\n") + "\n" });
    const json = await runPush(["validate", "--format", "json"], { cwd: root });
    const found = JSON.parse(json.stdout).diagnostics as Array<{ code: string; file: string; line: number; message: string }>;
    expect(found.filter((d) => d.code === "audience-id-format").map((d) => [d.file, d.line])).toEqual([
      ["audiences/vip.txt", 2],
      ["audiences/vip.txt", 3],
    ]);
    for (const { out, argv } of await everyOutput(root)) {
      expect(out, argv.join(" ")).not.toContain(SECRET);
      expect(out, argv.join(" ")).not.toContain("postgres://");
      expect(out, argv.join(" ")).not.toContain("MIIEvQIBADANBgkq");
      expect(out, argv.join(" ")).not.toContain("device-2");
    }
    const text = await runPush(["validate"], { cwd: root });
    expect(text.stdout).toContain('audiences/vip.txt:2:13: error[audience-id-format]: line 2 of audiences/vip.txt is not one id: "DATABASE_URL=***"');
  });

  it("refuses a binary file and one that is not UTF-8", async () => {
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences/vip.txt") });
    mkdirSync(join(root, "audiences"));
    writeFileSync(join(root, "audiences", "vip.txt"), Buffer.from([0x64, 0x31, 0x0a, 0x00, 0x01, 0x02, 0x0a]));
    const binary = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(binary.code).toBe(1);
    expect(binary.stdout).toContain("audience-file-not-text");
    writeFileSync(join(root, "audiences", "vip.txt"), Buffer.from([0x64, 0x31, 0x0a, 0xff, 0xfe, 0x0a]));
    const latin = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(latin.stdout).toContain("audience-file-not-text");
  });

  it("caps the ids one campaign may hold: 100,000 for EMAS, 1,000 for mPaaS", async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `device-${i}`).join("\n") + "\n";
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences/emas.txt"), "audiences/emas.txt": ids(100_001) });
    const emas = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(emas.code).toBe(1);
    expect(JSON.parse(emas.stdout).diagnostics).toMatchObject([{ code: "audience-too-large", file: "campaigns/a.yaml", line: 6 }]);
    writeFileSync(join(root, "audiences/emas.txt"), ids(100_000));
    expect((await runPush(["validate"], { cwd: root })).code).toBe(0);

    writeFileSync(join(root, "campaigns/a.yaml"), campaign("usersFile", "../audiences/users.txt"));
    writeFileSync(join(root, "audiences/users.txt"), ids(1_001));
    const mpaas = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(mpaas.code).toBe(1);
    expect(JSON.parse(mpaas.stdout).diagnostics).toMatchObject([{ code: "audience-too-large" }]);
  });

  it("never echoes a huge line: a one-line file of megabytes is one short diagnostic", async () => {
    const { root } = layout({ "campaigns/a.yaml": campaign("devicesFile", "../audiences/vip.txt"), "audiences/vip.txt": `${SECRET}${"x".repeat(4_000_000)}` });
    const run = await runPush(["validate", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics).toMatchObject([
      { code: "audience-id-format", line: 1, message: expect.stringContaining("is longer than 1024 characters") },
    ]);
    expect(run.stdout.length).toBeLessThan(2_000);
    expect(run.stdout).not.toContain(SECRET);
  });

  it("reads across chunk boundaries: CRLF line ends and multi-byte ids split between 64 KiB reads", async () => {
    const ids = Array.from({ length: 9_000 }, (_, i) => `别名-${i}`);
    const { root } = layout({ "campaigns/a.yaml": campaign("aliasesFile", "../audiences/vip.txt", "shop"), "audiences/vip.txt": ids.join("\r\n") + "\r\n" });
    const run = await runPush(["compile"], { cwd: root, env: NOW });
    expect(run.stderr).toBe("");
    const values = (JSON.parse(run.stdout).tasks as Array<{ request: { PushTask: { Target: { Value: string } } } }>).flatMap((t) =>
      t.request.PushTask.Target.Value.split(","),
    );
    expect(values).toEqual(ids);
  });
});
