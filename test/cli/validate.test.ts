import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPush } from "../support/cli.js";

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
    expect(run.stderr).toContain('error[clock-format]: --now "next tuesday" is not an ISO-8601 instant with a zone');
  });
  it("honours NO_COLOR and colours only on request", async () => {
    const plain = await runPush(["validate", ...NOW], { cwd: invalid });
    expect(plain.stdout).not.toContain("\u001b[");
    const coloured = await runPush(["validate", ...NOW], { cwd: invalid, env: { NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[31;1merror[");
  });
});
