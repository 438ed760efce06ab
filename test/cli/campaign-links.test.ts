import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPush } from "../support/cli.js";

// A symlinked campaign file that is skipped makes the plan cancel its tasks: links are followed or refused, aloud.
const NOW = { PUSH_NOW: "2026-06-01T00:00:00Z" };
const CONFIG = JSON.stringify({ apps: { shop: { provider: "emas", appKey: 233586006 } }, endpoint: "local" });
const campaign = (id: string) => `id: ${id}\napp: shop\nnotification: { title: T, body: B }\ntarget: { platform: android, devices: [d1] }\n`;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function layout(files: Record<string, string>): { root: string; base: string } {
  const base = mkdtempSync(join(tmpdir(), "push-links-"));
  dirs.push(base);
  const root = join(base, "project");
  for (const [name, text] of Object.entries({ ".pushrc.json": CONFIG, "campaigns/own.yaml": campaign("own"), ...files })) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, base };
}

const ids = (stdout: string) => (JSON.parse(stdout) as { tasks: Array<{ campaign: string }> }).tasks.map((t) => t.campaign).sort();

describe("symlinks among campaign files", () => {
  it("follows a linked file and a linked folder that stay inside the project", async () => {
    const { root } = layout({ "shared/promo.yaml": campaign("promo"), "library/a/deep.yaml": campaign("deep") });
    symlinkSync(join(root, "shared", "promo.yaml"), join(root, "campaigns", "promo.yaml"));
    symlinkSync(join(root, "library"), join(root, "campaigns", "library"));
    const validate = await runPush(["validate"], { cwd: root, env: NOW });
    expect(validate.stdout).toBe("no problems in 3 files (3 campaigns)\n");
    const compile = await runPush(["compile"], { cwd: root, env: NOW });
    expect(ids(compile.stdout)).toEqual(["deep", "own", "promo"]);
  });

  it("refuses a link that leaves the project, naming the file, the reason and the fix; plan stops instead of cancelling", async () => {
    const { root, base } = layout({});
    mkdirSync(join(base, "elsewhere"));
    writeFileSync(join(base, "elsewhere", "x.yaml"), campaign("x"));
    symlinkSync(join(base, "elsewhere", "x.yaml"), join(root, "campaigns", "x.yaml"));
    symlinkSync(join(base, "elsewhere"), join(root, "campaigns", "more"));
    const run = await runPush(["validate", "--format", "json"], { cwd: root, env: NOW });
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout).diagnostics as Array<{ code: string; file: string; message: string; hint: string }>;
    expect(found.map((d) => [d.code, d.file])).toEqual([
      ["campaign-link-outside", "campaigns/more"],
      ["campaign-link-outside", "campaigns/x.yaml"],
    ]);
    expect(found[1]!.message).toContain("outside the project");
    expect(found[1]!.hint).toMatch(/copy|move/);
    const plan = await runPush(["plan"], { cwd: root, env: NOW });
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).not.toMatch(/cancel/i);
  });

  it("reports a broken link, and a folder link that loops back, without hanging", async () => {
    const { root } = layout({});
    symlinkSync(join(root, "gone.yaml"), join(root, "campaigns", "gone.yaml"));
    symlinkSync(join(root, "campaigns"), join(root, "campaigns", "again"));
    const run = await runPush(["validate", "--format", "json"], { cwd: root, env: NOW });
    const found = JSON.parse(run.stdout).diagnostics as Array<{ severity: string; code: string; file: string }>;
    expect(found.map((d) => [d.severity, d.code, d.file])).toEqual([
      ["warning", "campaign-link-loop", "campaigns/again"],
      ["error", "campaign-link-broken", "campaigns/gone.yaml"],
    ]);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ files: 1, campaigns: 1 });
  });

  it("refuses a campaign path that is not a regular file (a fifo) instead of blocking on it", async () => {
    const { root } = layout({});
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [join(root, "campaigns", "pipe.yaml")]);
    const run = await runPush(["validate", "--format", "json"], { cwd: root, env: NOW });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).diagnostics).toMatchObject([{ code: "campaign-file-not-regular", file: "campaigns/pipe.yaml" }]);
  });

  it("holds a path given on the command line, and a campaigns/ that is itself a link, to the same rule", async () => {
    const { root, base } = layout({});
    mkdirSync(join(base, "elsewhere"));
    writeFileSync(join(base, "elsewhere", "x.yaml"), campaign("x"));
    symlinkSync(join(base, "elsewhere", "x.yaml"), join(root, "linked.yaml"));
    const given = await runPush(["validate", "--format", "json", "linked.yaml"], { cwd: root, env: NOW });
    expect(JSON.parse(given.stdout).diagnostics).toMatchObject([{ code: "campaign-link-outside", file: "linked.yaml" }]);

    rmSync(join(root, "campaigns"), { recursive: true });
    symlinkSync(join(base, "elsewhere"), join(root, "campaigns"));
    const linked = await runPush(["validate", "--format", "json"], { cwd: root, env: NOW });
    expect(linked.code).toBe(1);
    expect(JSON.parse(linked.stdout).diagnostics).toMatchObject([{ code: "campaign-link-outside", file: "campaigns" }]);
  });
});
