import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

const invalid = join(__dirname, "..", "fixtures", "invalid");
const NOW = ["--now", "2026-06-01T00:00:00Z"];

describe("push validate", () => {
  it("passes the example campaigns", async () => {
    const run = await runPush(["validate"], { cwd: process.cwd() });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("no problems in 8 files (14 campaigns)\n");
  });
  it("prints every diagnostic of a run with code frames and exits 1", async () => {
    const run = await runPush(["validate", ...NOW], { cwd: invalid });
    expect(run.code).toBe(1);
    await expect(run.stdout).toMatchFileSnapshot("__golden__/validate-invalid.txt");
  });
  it("--format json follows the documented shape", async () => {
    const run = await runPush(["validate", "--format", "json", ...NOW], { cwd: invalid });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>>; summary: Record<string, number> };
    for (const d of doc.diagnostics) expect(Object.keys(d)).toEqual(["severity", "code", "message", "hint", "file", "line", "column", "endLine", "endColumn"]);
    expect(doc.summary).toEqual({ errors: doc.diagnostics.length, warnings: 0, files: 2, campaigns: 2 });
    await expect(run.stdout).toMatchFileSnapshot("__golden__/validate-invalid.json");
  });
  it("--format github prints one annotation per diagnostic", async () => {
    const run = await runPush(["validate", "--format", "github", ...NOW], { cwd: invalid });
    const lines = run.stdout.trim().split("\n");
    expect(lines.every((l) => /^::error file=campaigns\/[a-z]+\.(yaml|txt),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::/.test(l))).toBe(true);
    expect(lines.length).toBe(JSON.parse((await runPush(["validate", "--format", "json", ...NOW], { cwd: invalid })).stdout).diagnostics.length);
  });
  it("validates only the given paths", async () => {
    const run = await runPush(["validate", "campaigns/broken.yaml"], { cwd: invalid });
    expect(run.stdout).toMatch(/^campaigns\/broken\.yaml:3:1: error\[yaml-syntax\]/);
    expect(run.stdout).toContain("in 1 file (0 campaigns)");
    expect((await runPush(["validate", "nowhere.yaml"], { cwd: invalid })).stdout).toContain("error[path-missing]: no such file or folder: nowhere.yaml");
  });
  it("refuses a clock that is not an instant", async () => {
    const run = await runPush(["validate", "--now", "next tuesday"], { cwd: invalid });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error[clock-format]: --now "next tuesday" is not an ISO-8601 instant with a zone');
    // in the chosen format, like every other diagnostic of validate
    const json = await runPush(["validate", "--format", "json", "--now", "next tuesday"], { cwd: invalid });
    const doc = JSON.parse(json.stdout) as { diagnostics: Array<{ code: string; file: string | null }>; summary: { files: number } };
    expect(doc.diagnostics[0]).toMatchObject({ code: "clock-format", file: null });
    // the campaigns still get every check that needs no clock or config
    expect(doc.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["yaml-syntax", "schema-unknown-key", "duplicate-id", "audience-id-format"]));
    expect(doc.diagnostics.map((d) => d.code)).not.toContain("android-title-length");
    expect(doc.summary.files).toBe(2);
  });
  it("honours NO_COLOR and colours only on request", async () => {
    const plain = await runPush(["validate", ...NOW], { cwd: invalid });
    expect(plain.stdout).not.toContain("\u001b[");
    const coloured = await runPush(["validate", ...NOW], { cwd: invalid, env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[31;1merror[");
  });
  it("still checks the sound rest of a campaign that has a schema error, without echoing the error", async () => {
    const text = [
      "id: b2\napp: shpo\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: t, body: b}\nttl: abc",
      `id: b3\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: "${"x".repeat(201)}", body: There}\nttl: abc`,
      "id: b4\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: t, body: b, ios: {apnsEnv: STAGING, badge: 1, badgeAutoIncrement: true}}",
      "id: b5\napp: shop\ntarget: {platform: ios, devices: 5}\nnotification: {title: t, body: b}",
    ].join("\n---\n");
    const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/a.yaml": `${text}\n` });
    try {
      const run = await runPush(["validate", "--format", "json", ...NOW], { cwd: project.root });
      const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>> };
      expect(doc.diagnostics.map((d) => [d.line, d.code])).toEqual([
        [2, "unknown-app"],
        [5, "schema-pattern"],
        [10, "ios-title-bytes"],
        [11, "schema-pattern"],
        [16, "schema-enum"],
        [16, "badge-conflict"],
        // target.devices removed: no "names no audience" echo of the type error
        [20, "schema-type"],
      ]);
    } finally {
      project.cleanup();
    }
  });
  it("refuses a project without its campaigns folder (a plan of it would cancel everything)", async () => {
    const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}" });
    try {
      const run = await runPush(["validate"], { cwd: project.root });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("error[campaigns-missing]: no campaigns folder at campaigns/");
      writeFileSync(join(project.root, "campaigns"), "id: a\n");
      const onFile = await runPush(["validate"], { cwd: project.root });
      expect(onFile.code).toBe(1);
      expect(onFile.stdout).toContain("error[campaigns-missing]: campaigns is a file, not the campaigns folder");
    } finally {
      project.cleanup();
    }
  });
  it("checking one file keeps its ids unique against the rest of the project", async () => {
    const campaign = (id: string) => `id: ${id}\napp: shop\ntarget: {platform: ios, devices: [d]}\nnotification: {title: t, body: b}\n`;
    const project = tempProject({
      ".pushrc.json": EXAMPLE_RC,
      "package.json": "{}",
      "campaigns/a.yaml": campaign("dup"),
      "campaigns/sub/z.yml": `# z\n${campaign("dup")}`,
      "campaigns/c.yaml": campaign("other"),
    });
    try {
      for (const [given, line, other] of [
        ["campaigns/sub/z.yml", 2, "campaigns/a.yaml:1"],
        ["campaigns/a.yaml", 1, "campaigns/sub/z.yml:2"],
      ] as const) {
        const run = await runPush(["validate", "--format", "json", given], { cwd: project.root });
        expect(run.code).toBe(1);
        const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>>; summary: Record<string, number> };
        expect(doc.diagnostics.map((d) => [d.code, d.file, d.line, d.message])).toEqual([
          ["duplicate-id", given, line, `campaign id "dup" is already used at ${other}`],
        ]);
        expect(doc.summary).toMatchObject({ files: 1, campaigns: 1 });
      }
      expect((await runPush(["validate", "campaigns/c.yaml"], { cwd: project.root })).code).toBe(0);
    } finally {
      project.cleanup();
    }
  });
  it("warns about repeated audience ids and unused platform blocks, and refuses repeated inline ids", async () => {
    const project = tempProject({
      ".pushrc.json": EXAMPLE_RC,
      "package.json": "{}",
      "campaigns/vip.txt": "d1\nd2\n  d1\n",
      "campaigns/a.yaml":
        "id: a\napp: shop\ntarget: {platform: android, devicesFile: vip.txt}\nnotification: {title: t, body: b, ios: {badge: 1}}\n---\nid: b\napp: shop\ntarget: {platform: ios, devices: [d1, d2, d1]}\nnotification: {title: t, body: b}\n",
      // a second campaign naming the same audience file: its repeat is still reported once
      "campaigns/c.yaml": "id: c\napp: shop\ntarget: {platform: android, devicesFile: vip.txt}\nnotification: {title: t, body: b}\n",
    });
    try {
      const run = await runPush(["validate", "--format", "json"], { cwd: project.root });
      const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>> };
      expect(doc.diagnostics.map((d) => [d.severity, d.code, d.file, d.line, d.column])).toEqual([
        ["warning", "platform-block-unused", "campaigns/a.yaml", 4, 40],
        ["error", "target-id-repeated", "campaigns/a.yaml", 8, 43],
        ["warning", "audience-id-duplicate", "campaigns/vip.txt", 3, 3],
      ]);
      expect(doc.diagnostics[1]!.message).toBe('target.devices[2] "d1" is already listed as target.devices[0]');
    } finally {
      project.cleanup();
    }
  });
  it("reports the config's mistakes and the campaigns' together", async () => {
    const project = tempProject({
      ".pushrc.json": JSON.stringify({ apps: { shop: { provider: "emas", appKey: 1 } }, defaults: { timezone: "Asia/Shangai" } }),
      "package.json": "{}",
      "campaigns/a.yaml": "id: a\napp: shop\ntaget: {devices: [d]}\nnotification: {title: t, body: b}\n",
    });
    try {
      const run = await runPush(["validate", "--format", "json"], { cwd: project.root });
      expect(run.code).toBe(1);
      const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; file: string }> };
      expect(doc.diagnostics.map((d) => [d.file, d.code])).toEqual([
        [".pushrc.json", "config-timezone"],
        ["campaigns/a.yaml", "schema-unknown-key"],
      ]);
    } finally {
      project.cleanup();
    }
  });
  it("checks across files that the pipeline reads in different chunks", async () => {
    // 600 files: read and compiled 256 at a time; the checks across files still see all of them, and locate
    // their diagnostics in files whose chunk is long gone.
    const files: Record<string, string> = { ".pushrc.json": EXAMPLE_RC, "package.json": "{}" };
    const name = (i: number) => `campaigns/c${String(i).padStart(3, "0")}.yaml`;
    for (let i = 0; i < 600; i++) {
      const id = i === 551 ? "c002" : `c${String(i).padStart(3, "0")}`;
      files[name(i)] =
        i % 5 === 0
          ? `id: ${id}\napp: wallet\ntarget: {users: [u${i}]}\nnotification: {title: t, body: b}\nschedule: {at: "2026-06-10T12:00:00Z"}\n`
          : `# campaign ${i}\nid: ${id}\napp: shop\ntarget: {platform: ios, devices: [d${i}]}\nnotification: {title: t, body: b}\n`;
    }
    const project = tempProject(files);
    try {
      const run = await runPush(["validate", "--format", "json", ...NOW], { cwd: project.root });
      expect(run.code).toBe(1);
      const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>>; summary: Record<string, number> };
      expect(doc.summary).toEqual({ errors: 2, warnings: 0, files: 600, campaigns: 600 });
      expect(doc.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
        // the 101st of 120 scheduled mPaaS tasks is the one in c500 (every fifth file is one)
        ["mpaas-scheduled-task-limit", name(500), 5],
        ["duplicate-id", name(551), 2],
      ]);
      expect(doc.diagnostics[1]!.message).toBe(`campaign id "c002" is already used at ${name(2)}:2`);
    } finally {
      project.cleanup();
    }
  });
});
