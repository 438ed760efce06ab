/**
 * `push state migrate` (issue 12, item 5): local to PostgreSQL and back, lineage, serial and history kept, the
 * plan after it unchanged; a target that holds another state is refused.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { APPS_RC, emasAt, mpaasAt, planProject } from "./plan-project.js";

const url = inject("pgUrl");
const NOW = "2026-06-01T00:00:00Z";
const campaigns = { "campaigns/a.yaml": emasAt("s1", "2026-06-03T10:00:00Z"), "campaigns/b.yaml": mpaasAt("m1", "2026-06-03T11:00:00Z") };
const rc = (state: object) => JSON.stringify({ apps: APPS_RC, endpoint: "local", state });

type Listed = { lineage: string; serial: number; tasks: Array<{ key: string }> };

describe("push state migrate", () => {
  it("moves the state to PostgreSQL and back, lineage, serial and history kept, and refuses a target with another state", async () => {
    const schema = `m_${randomBytes(5).toString("hex")}`;
    const p = planProject(campaigns);
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("Apply complete: 2 created");
    const listed = async () => JSON.parse((await p.push(NOW, "state", "list", "--format", "json")).stdout) as Listed;
    // PostgreSQL's jsonb keeps no key order: the entries are compared as values.
    const history = async () => JSON.parse((await p.push(NOW, "state", "history", "--format", "json")).stdout) as unknown;
    const before = await listed();
    const beforeHistory = await history();
    expect(before.serial).toBeGreaterThan(0);

    p.write(".pushrc.json", rc({ backend: "postgres", url, schema }));
    const moved = await p.push(NOW, "state", "migrate", "--from", "local");
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`migrated 2 task(s) and`);
    expect(moved.stdout).toContain(`from .push/state.json to PostgreSQL schema ${schema} (lineage ${before.lineage}, serial ${before.serial})`);
    expect(await listed()).toEqual(before);
    expect(await history()).toEqual(beforeHistory);
    expect((await p.push(NOW, "plan")).stdout).toContain("No changes.");
    expect((await p.push(NOW, "state", "migrate", "--from", "local")).stdout).toContain("holds this state already");

    // And back, into another file.
    p.write(".pushrc.json", rc({ backend: "local", path: ".push/back.json" }));
    const back = await p.push(NOW, "state", "migrate", "--from", "postgres", "--from-url", url, "--from-schema", schema);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).not.toContain(url.replace(/^postgres(ql)?:\/\/[^@]*@/, "")); // the URL is masked
    expect(await listed()).toEqual(before);
    expect((await p.push(NOW, "plan")).stdout).toContain("No changes.");

    // Another project's state is never overwritten.
    const other = planProject({ "campaigns/c.yaml": emasAt("o1", "2026-06-03T10:00:00Z") });
    expect((await other.push(NOW, "apply", "--auto-approve")).stdout).toContain("1 created");
    other.write(".pushrc.json", rc({ backend: "postgres", url, schema }));
    const refused = await other.push(NOW, "state", "migrate", "--from", "local");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error: state migrate refused: PostgreSQL schema ${schema} holds another state (lineage ${before.lineage}`);
    expect(await listed()).toEqual(before);
  });

  it("refuses a source that holds nothing", async () => {
    const p = planProject(campaigns);
    p.write(".pushrc.json", rc({ backend: "local", path: ".push/target.json" }));
    const run = await p.push(NOW, "state", "migrate", "--from", "local", "--from-path", ".push/none.json");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: state migrate refused: .push/none.json holds no state yet (serial 0): there is nothing to migrate");
  });
});
