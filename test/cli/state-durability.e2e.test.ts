import { appendFileSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const FRAGMENT = '{"serial":2,"change":{"upsert":[{"key":"x","campaign":"x","provi';

describe("a torn journal, then an apply", () => {
  it("records what the apply sends (the issue's probe: a partial line, 3 campaigns added), and says what it set aside", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") });
    expect((await p.push(NOW, "apply", "--auto-approve")).code).toBe(0);
    appendFileSync(join(p.root, ".push/state.json.journal"), FRAGMENT);
    for (const id of ["b", "c", "d"]) p.write(`campaigns/${id}.yaml`, emasAt(id, "2026-06-03T10:00:00Z"));
    const applied = await p.push(NOW, "apply", "--auto-approve");
    expect(applied.stdout).toContain("Apply complete: 3 created");
    expect(applied.code).toBe(0);
    expect(Object.keys(p.state().tasks).sort()).toEqual(["a", "b", "c", "d"]);
    expect((await p.push(NOW, "plan", "--detailed-exitcode")).code).toBe(0);
    expect(applied.stderr).toMatch(
      /warning: .*state\.json\.journal ended in 64 byte\(s\) of a record a crash or a full disk cut short \(never committed\): cut off after the last whole record \(serial \d+\); the bytes are kept in .*state\.json\.journal\.torn-\d+/,
    );
  });
});

describe("a state file that cannot be used", () => {
  for (const [name, text] of [
    ["empty", ""],
    ["cut short", '{"version":1,"lineage":"x","ser'],
    ["null", "null"],
    ["{}", "{}"],
  ] as const) {
    it(`stops every command with the file, what is wrong and how to recover, never an internal error: ${name}`, async () => {
      const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") });
      expect((await p.push(NOW, "apply", "--auto-approve")).code).toBe(0);
      p.write(".push/state.json", text);
      for (const command of [["state", "list"], ["plan"], ["apply", "--auto-approve"]]) {
        const run = await p.push(NOW, ...command);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(`error: the state file ${join(p.root, ".push/state.json")} cannot be used: `);
        expect(run.stderr).toContain("mv ");
        expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    });
  }
});

describe("push state list", () => {
  it("writes nothing: the state, the journal and the folder stay as they were, a torn tail included", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") });
    expect((await p.push(NOW, "apply", "--auto-approve")).code).toBe(0);
    appendFileSync(join(p.root, ".push/state.json.journal"), FRAGMENT);
    const files = () =>
      readdirSync(join(p.root, ".push"))
        .filter((f) => f.startsWith("state"))
        .sort();
    const look = () => files().map((f) => [f, statSync(join(p.root, ".push", f)).mtimeMs, readFileSync(join(p.root, ".push", f), "latin1")]);
    const before = look();
    const run = await p.push(NOW, "state", "list");
    expect(run.stdout).toContain("1 task(s)");
    expect(look()).toEqual(before);
    expect(run.stderr).toContain("ends in 64 byte(s) of an incomplete record");
  });
});
