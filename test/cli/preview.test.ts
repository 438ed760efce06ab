import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

// Which preview modules a run loads: nothing of it (nor playwright-core) may load for another command.
const loaded = vi.hoisted(() => new Set<string>());
vi.mock("playwright-core", async (original) => {
  loaded.add("playwright-core");
  return original();
});
vi.mock("../../src/render/preview/document.js", async (original) => {
  loaded.add("preview");
  return original();
});

// Browsers this machine has but a test pretends it lacks (runPush's environment has no PATH, so the fixed
// places are all that is searched).
const hidden = vi.hoisted(() => ({ system: false, packaged: false }));
vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  const accessSync: typeof fs.accessSync = (path, mode) => {
    if (hidden.system && /chrom/.test(String(path))) throw Object.assign(new Error(`ENOENT: ${String(path)}`), { code: "ENOENT" });
    return fs.accessSync(path, mode);
  };
  return { ...fs, accessSync };
});
// The packaged Chromium (push's optional dependency) is absent where it was not installed or is not for the system.
vi.mock("@sparticuz/chromium", async (original) => {
  if (hidden.packaged) throw Object.assign(new Error("Cannot find package '@sparticuz/chromium'"), { code: "ERR_MODULE_NOT_FOUND" });
  return original();
});
/** The shipped fonts the pages use are written beside them. */
const notFont = (file: string) => !file.endsWith(".woff2");

const NOW = ["--now", "2026-06-01T00:00:00Z"];
const campaign = (id: string, extra = "") =>
  `id: ${id}\napp: shop\ntarget: {platform: android, devices: [d]}\nnotification: {title: Order ${id}, body: Your order shipped}\n${extra}`;

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  hidden.system = false;
  hidden.packaged = false;
});
function project(files: Record<string, string>): string {
  const p = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", ...files });
  cleanups.push(p.cleanup);
  return p.root;
}
function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "push-preview-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "out");
}

describe("push preview", () => {
  // First: the modules of a run stay loaded for the rest of the file.
  it("loads nothing of the preview for other commands, and no browser driver with --no-png", async () => {
    expect((await runPush(["--version"], { cwd: process.cwd() })).code).toBe(0);
    expect((await runPush(["validate"], { cwd: process.cwd() })).code).toBe(0);
    expect((await runPush(["compile"], { cwd: process.cwd() })).code).toBe(0);
    expect([...loaded]).toEqual([]);
    expect((await runPush(["preview", "--no-png", "--out", outDir()], { cwd: process.cwd() })).code).toBe(0);
    expect([...loaded]).toEqual(["preview"]);
  });

  it("writes a page per example campaign and an index, and lists them as Markdown", async () => {
    const out = outDir();
    const run = await runPush(["preview", "--no-png", "--out", out], { cwd: process.cwd() });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const files = readdirSync(out).sort();
    expect(files.filter((f) => f.endsWith(".png"))).toEqual([]);
    expect(files).toContain("index.html");
    expect(files).toContain("java-loop-test.html");
    expect(files.filter((f) => f.endsWith(".html")).length).toBe(15);
    expect(run.stdout).toContain("14 campaign pages and no PNG images (--no-png) in ");
    expect(run.stdout).toContain(
      `| \`java-loop-test\` | iOS, Android, HarmonyOS | every day at 13:45:11 Asia/Shanghai, next 2021-07-08 13:45 | \`${out}/java-loop-test.html\` | - |`,
    );
    const loop = readFileSync(join(out, "java-loop-test.html"), "utf8");
    expect(loop).toContain("<caption>July 2021</caption>");
    expect(loop).toContain("<caption>August 2021</caption>");
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain('<a href="java-loop-test.html">java-loop-test</a>');
  });

  it("honours --now and PUSH_NOW, and writes to .push/preview in the project by default", async () => {
    const root = project({ "campaigns/a.yaml": campaign("a", "schedule: {at: 2026-06-03T12:00:00Z}\n") });
    const a = await runPush(["preview", "--no-png", ...NOW], { cwd: join(root, "campaigns") });
    expect(a.code).toBe(0);
    const page = readFileSync(join(root, ".push", "preview", "a.html"), "utf8");
    expect(page).toContain("at the clock <code>2026-06-01T00:00:00Z</code>");
    await runPush(["preview", "--no-png"], { cwd: join(root, "campaigns"), env: { PUSH_NOW: "2026-06-01T00:00:00Z" } });
    expect(readFileSync(join(root, ".push", "preview", "a.html"), "utf8")).toBe(page);
  });

  it("reads the config named by --config, with the --env overlay", async () => {
    const config = { ...JSON.parse(EXAMPLE_RC), defaults: { timezone: "Asia/Shanghai" }, environments: { eu: { defaults: { timezone: "Europe/Berlin" } } } };
    const root = tempProject({
      "package.json": "{}",
      "conf/push.json": JSON.stringify(config),
      "conf/campaigns/a.yaml": campaign("a", "schedule: {at: 2026-06-03T12:00:00Z}\n"),
    });
    cleanups.push(root.cleanup);
    const run = await runPush(["preview", "--no-png", "--config", "conf/push.json", "--env", "eu", "--out", "out", ...NOW], { cwd: root.root });
    expect(run.code).toBe(0);
    expect(readFileSync(join(root.root, "out", "a.html"), "utf8")).toContain("<b>Wednesday 3 June 2026, 14:00:00</b> Europe/Berlin (UTC+02:00)");
  });

  it("prints a campaign's errors as compile does, exits 1 and writes nothing", async () => {
    const root = project({ "campaigns/a.yaml": campaign("a").replace("Order a", "x".repeat(51)) });
    const out = outDir();
    const run = await runPush(["preview", "--no-png", "--out", out, ...NOW], { cwd: root });
    const compile = await runPush(["compile", ...NOW], { cwd: root });
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toContain("campaigns/a.yaml:4:23: error[android-title-length]");
    expect(run.stderr).toBe(compile.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it("without a browser writes the HTML, warns how to get the PNG images, and exits 0", async () => {
    hidden.system = true;
    hidden.packaged = true;
    const root = project({ "campaigns/a.yaml": campaign("a") });
    const run = await runPush(["preview", "--out", "out", ...NOW], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning[preview-png-skipped]: no Chromium found: the PNG images were not written (the HTML pages were)");
    expect(run.stderr).toContain("PUSH_CHROMIUM");
    expect(run.stderr).toContain("@sparticuz/chromium");
    expect(run.stderr).toContain("0 errors, 1 warning in 1 file (1 campaign)");
    expect(readdirSync(join(root, "out")).filter(notFont).sort()).toEqual([".push-preview.json", "a.html", "index.html"]);
    expect(run.stdout).toContain("1 campaign page and no PNG images (no Chromium found) in `out`; open `out/index.html`.");
  });

  it("without a system browser takes the packaged Chromium, unpacked on first use", async () => {
    hidden.system = true;
    const { findChromium } = await import("../../src/cli/commands/preview.js");
    const found = await findChromium({ PATH: "/usr/bin:/bin" });
    expect(found).toMatchObject({ source: "package", diagnostics: [] });
    expect(found.path).toMatch(/chromium$/);
  });

  it("a PUSH_CHROMIUM that is not a browser is an error; the HTML is written", async () => {
    const root = project({ "campaigns/a.yaml": campaign("a") });
    const run = await runPush(["preview", "--out", "out", ...NOW], { cwd: root, env: { PUSH_CHROMIUM: join(root, "no-such-browser") } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error[preview-chromium]: PUSH_CHROMIUM is ${join(root, "no-such-browser")}, which is not an executable file`);
    expect(existsSync(join(root, "out", "a.html"))).toBe(true);
  });

  it("removes the pages of campaigns gone since the last run, and nothing else; --out on a file is an error", async () => {
    const root = project({ "campaigns/a.yaml": campaign("a"), "campaigns/b.yaml": campaign("b") });
    expect((await runPush(["preview", "--no-png", "--out", "out", ...NOW], { cwd: root })).code).toBe(0);
    writeFileSync(join(root, "out", "notes.txt"), "mine\n");
    rmSync(join(root, "campaigns", "b.yaml"));
    expect((await runPush(["preview", "--no-png", "--out", "out", ...NOW], { cwd: root })).code).toBe(0);
    expect(readdirSync(join(root, "out")).filter(notFont).sort()).toEqual([".push-preview.json", "a.html", "index.html", "notes.txt"]);
    const onFile = await runPush(["preview", "--no-png", "--out", "out/notes.txt", ...NOW], { cwd: root });
    expect(onFile).toMatchObject({ code: 1, stdout: "" });
    expect(onFile.stderr).toContain("error[preview-out]: --out out/notes.txt is a file, not a folder");
  });

  it("previews an EMAS loop whose runs all lie beyond the 7-day window from its first run's request", async () => {
    const root = project({
      "campaigns/a.yaml": campaign("later", "schedule: {every: week, on: [mon], time: '10:00', from: 2026-07-06, until: 2026-07-27, timezone: UTC}\n"),
    });
    const run = await runPush(["preview", "--no-png", "--out", "out", ...NOW], { cwd: root });
    expect(run.code).toBe(0);
    const page = readFileSync(join(root, "out", "later.html"), "utf8");
    expect(page).toContain('<div class="title clamp-1">Order later</div>');
    expect(page).toContain("4 sends lie beyond EMAS's 7-day scheduling window");
    expect(page).toContain("with no task within the 7-day window yet: the mock-ups show the request compiled for the next send");
  });

  it("previews only the given paths", async () => {
    const root = project({ "campaigns/a.yaml": campaign("a"), "campaigns/b.yaml": campaign("b") });
    expect((await runPush(["preview", "--no-png", "--out", "out", ...NOW, "campaigns/b.yaml"], { cwd: root })).code).toBe(0);
    expect(readdirSync(join(root, "out")).filter(notFont).sort()).toEqual([".push-preview.json", "b.html", "index.html"]);
  });
});
