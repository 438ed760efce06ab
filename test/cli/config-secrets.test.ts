import { afterEach, describe, expect, it } from "vitest";
import { runPush, tempProject } from "../support/cli.js";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const SECRET = "hunter2Sekret";
// The state line of a config, in every form a database password takes; each with a typo (`shema`) on that line.
const STATE_LINES: Array<[string, string]> = [
  ["a URL with a user", `state: { backend: "postgres", url: "postgres://bob:${SECRET}@db.example/push", shema: "push" },`],
  ["a URL without a user", `state: { backend: "postgres", url: "postgres://:${SECRET}@db.example/push", shema: "push" },`],
  ["?password=", `state: { backend: "postgres", url: "postgres://db.example/push?password=${SECRET}", shema: "push" },`],
  ["&password=", `state: { backend: "postgres", url: "postgres://bob@db.example/push?sslmode=require&password=${SECRET}", shema: "push" },`],
  ["a libpq string", `state: { backend: "postgres", url: "host=db.example password=${SECRET} dbname=push", shema: "push" },`],
  ["an access key secret", `state: { backend: "postgres", shema: "push", accessKeySecret: "${SECRET}" },`],
];

function projectWith(stateLine: string): string {
  const { root, cleanup } = tempProject({
    "package.json": "{}",
    "push.config.ts": `export default {\n  apps: { shop: { provider: "emas", appKey: 1 } },\n  endpoint: "local",\n  ${stateLine}\n};\n`,
    "campaigns/.keep": "",
  });
  cleanups.push(cleanup);
  return root;
}

describe("a database password in the config", () => {
  it.each(STATE_LINES)("never appears in validate's output (%s), in text, json and github", async (_form, stateLine) => {
    const cwd = projectWith(stateLine);
    for (const format of ["text", "json", "github"]) {
      const run = await runPush(["validate", "--format", format], { cwd });
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).toContain("shema");
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }
    // The text output draws a code frame over the state line, the password masked.
    const text = await runPush(["validate"], { cwd });
    expect(text.stdout).toMatch(/> +4 \| +state: .*\*\*\*/);
  });

  it.each(STATE_LINES)("never appears in plan's or compile's output (%s)", async (_form, stateLine) => {
    const cwd = projectWith(stateLine);
    for (const argv of [["plan", "--format", "markdown"], ["plan", "--format", "json"], ["compile"]]) {
      const run = await runPush(argv, { cwd, env: { PUSH_NOW: "2026-06-01T00:00:00Z" } });
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }
  });

  it("is masked in a message that quotes a value: an endpoint URL with credentials", async () => {
    const cwd = projectWith(`endpoint: "ftp://ops:${SECRET}@push.example",`);
    for (const format of ["text", "json", "github"]) {
      const run = await runPush(["validate", "--format", format], { cwd });
      expect(run.stdout).toContain("config-endpoint");
      expect(run.stdout + run.stderr).not.toContain(SECRET);
    }
  });
});
