import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

describe("push compile", () => {
  it("prints the example project's tasks in the documented shape", async () => {
    const run = await runPush(["compile"], { cwd: process.cwd() });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const doc = JSON.parse(run.stdout) as { tasks: Array<Record<string, unknown>>; deferred: unknown[] };
    for (const task of doc.tasks) {
      expect(Object.keys(task).filter((k) => k !== "dependsOn")).toEqual(["key", "campaign", "app", "provider", "api", "sendAt", "request", "source"]);
    }
    expect(doc.tasks.find((t) => t.key === "surprise-event#1")?.dependsOn).toBe("surprise-event#create");
    await expect(run.stdout).toMatchFileSnapshot("__golden__/compile-campaigns.json");
  });
  it("is reproducible under a pinned clock, from --now or PUSH_NOW", async () => {
    const a = await runPush(["compile", "--now", "2021-07-07T04:00:00Z"], { cwd: process.cwd() });
    const b = await runPush(["compile"], { cwd: process.cwd(), env: { PUSH_NOW: "2021-07-07T04:00:00Z" } });
    expect(a.stdout).toBe(b.stdout);
  });
  it("--out writes one file per task", async () => {
    const out = join(process.cwd(), "bench", ".work", "compile-out-test");
    rmSync(out, { recursive: true, force: true });
    const run = await runPush(["compile", "--out", out], { cwd: process.cwd() });
    expect(run.code).toBe(0);
    const files = readdirSync(out).filter((f) => f !== ".push-compile.json");
    expect(files).toContain("surprise-event#create.json");
    expect(files.length).toBe(JSON.parse((await runPush(["compile"], { cwd: process.cwd() })).stdout).tasks.length);
    expect(JSON.parse(readFileSync(join(out, "surprise-event#create.json"), "utf8"))).toMatchObject({ key: "surprise-event#create", sendAt: null });
    // beyond EMAS's 7-day window at the example's clock: deferred, as `push plan` says, so no file
    expect(files).not.toContain("event-reminder.json");
    rmSync(out, { recursive: true, force: true });
  });
  it("--out removes the task files of an earlier run that it no longer writes, and nothing else", async () => {
    const task = (id: string) => `id: ${id}\napp: shop\ntarget: {platform: ios, devices: [d]}\nnotification: {title: t, body: b}\n`;
    const project = tempProject({
      ".pushrc.json": EXAMPLE_RC,
      "package.json": "{}",
      "campaigns/a.yaml": task("a"),
      "campaigns/b.yaml": task("b"),
      "out/README.md": "mine\n",
    });
    try {
      expect((await runPush(["compile", "--out", "out"], { cwd: project.root })).code).toBe(0);
      expect(readdirSync(join(project.root, "out")).sort()).toEqual([".push-compile.json", "README.md", "a.json", "b.json"]);
      rmSync(join(project.root, "campaigns/b.yaml"));
      expect((await runPush(["compile", "--out", "out"], { cwd: project.root })).code).toBe(0);
      expect(readdirSync(join(project.root, "out")).sort()).toEqual([".push-compile.json", "README.md", "a.json"]);
      const onFile = await runPush(["compile", "--out", "out/README.md"], { cwd: project.root });
      expect(onFile.code).toBe(1);
      expect(onFile.stderr).toContain("error[compile-out]: --out out/README.md is a file, not a folder");
    } finally {
      project.cleanup();
    }
  });
  it("prints nothing on stdout and exits 1 when a campaign has an error", async () => {
    const project = tempProject({
      ".pushrc.json": EXAMPLE_RC,
      "package.json": "{}",
      "campaigns/a.yaml": "id: a\napp: shop\ntarget: {platform: android, devices: [d]}\nnotification: {title: " + "x".repeat(51) + ", body: b}\n",
    });
    try {
      const run = await runPush(["compile"], { cwd: project.root });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("campaigns/a.yaml:4:23: error[android-title-length]");
    } finally {
      project.cleanup();
    }
  });
  it("reads audience files relative to the campaign file", async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `device-${i}`).join("\n");
    const project = tempProject({
      ".pushrc.json": EXAMPLE_RC,
      "package.json": "{}",
      "campaigns/vip/a.yaml": "id: a\napp: shop\ntarget: {platform: ios, devicesFile: audiences/vip.txt}\nnotification: {title: t, body: b}\n",
      "campaigns/vip/audiences/vip.txt": `# VIPs\n${ids}\n`,
    });
    try {
      const doc = JSON.parse((await runPush(["compile"], { cwd: project.root })).stdout) as {
        tasks: Array<{ key: string; request: { PushTask: { Target: { Value: string } } } }>;
      };
      expect(doc.tasks.map((t) => [t.key, t.request.PushTask.Target.Value.split(",").length])).toEqual([
        ["a#1", 1000],
        ["a#2", 500],
      ]);
    } finally {
      project.cleanup();
    }
  });
});
