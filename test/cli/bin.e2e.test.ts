import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The real bin over the built tool (`npm install` / `npm ci` build dist/ through `prepare`).
const run = (...args: string[]) => spawnSync(process.execPath, ["bin/push.js", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("the push bin", () => {
  it("is built", () => {
    expect(existsSync("dist/cli/main.js"), "dist/ is missing: run npm run build").toBe(true);
  });
  it("prints its version without loading the tool", () => {
    const result = run("--version");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync("package.json", "utf8")).version}\n`);
  });
  it("validates and compiles the example campaigns", () => {
    expect(run("validate")).toMatchObject({ status: 0, stdout: "no problems in 8 files (14 campaigns)\n" });
    const compiled = run("compile");
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toBe(readFileSync("test/cli/__golden__/compile-campaigns.json", "utf8"));
  });
  it("exits 1 with usage on an unknown command or option", () => {
    const result = run("frobnicate");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(run("validate", "--format", "xml").stderr).toContain("Allowed choices are text, json, github");
  });
  it("documents its commands in --help", () => {
    const help = run("--help").stdout;
    for (const command of ["validate", "compile", "emulator"]) expect(help).toContain(command);
    expect(help).toContain("--now <iso>");
  });
});
