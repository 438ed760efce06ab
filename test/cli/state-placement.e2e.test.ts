/**
 * An empty state is never trusted where it may be a lost one (issue 12, items 3 and 4): a local state on a CI runner
 * that the workflow does not keep, and an environment's own state while the shared one still holds its records.
 * Each environment keeps its own state by default.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StoreData } from "../../src/emulator/store.js";
import type { StateSnapshot } from "../../src/model/state.js";
import { APPS_RC, emasAt, mpaasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const campaigns = { "campaigns/a.yaml": emasAt("s1", "2026-06-03T10:00:00Z"), "campaigns/b.yaml": mpaasAt("m1", "2026-06-03T11:00:00Z") };
const rc = (extra: object) => JSON.stringify({ apps: APPS_RC, endpoint: "local", ...extra });
/** What the embedded emulator holds: every task it was sent, of both providers. */
const emulatorTasks = (root: string) => {
  const file = join(root, ".push", "emulator.json");
  if (!existsSync(file)) return 0;
  const store = JSON.parse(readFileSync(file, "utf8")) as StoreData;
  return store.emas.length + store.mpaas.length;
};
const stateAt = (root: string, name: string) => JSON.parse(readFileSync(join(root, ".push", name), "utf8")) as StateSnapshot;

describe("a local state on a CI runner", () => {
  it("that is empty: plan warns, apply is refused and sends nothing, a saved plan too", async () => {
    const p = planProject(campaigns, { env: { CI: "true" } });
    const plan = await p.push(NOW, "plan", "--out", "plan.json");
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain("warning[state-ephemeral]");
    expect(plan.stderr).toContain("is empty and local on a CI runner (CI is set): it would be lost with the runner");
    expect(plan.stderr).toContain("push apply will refuse it");
    expect(plan.stdout).toContain("Plan: 2 to create");

    const applied = await p.push(NOW, "apply", "--auto-approve");
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain("error[state-ephemeral]");
    expect(applied.stderr).toContain('state: { backend: "postgres", url: process.env.PUSH_STATE_URL }');
    const saved = await p.push(NOW, "apply", "plan.json");
    expect(saved.code).toBe(1);
    expect(saved.stderr).toContain("apply refused: the state .push/state.json is empty and local on a CI runner");
    expect(stateAt(p.root, "state.json")).toMatchObject({ serial: 0, tasks: {}, history: [] });
    expect(emulatorTasks(p.root)).toBe(0);
  });

  it("is used when the config says the workflow keeps it, or once it holds records; CI=false is no CI", async () => {
    const p = planProject(campaigns, { env: { CI: "true" } });
    p.write(".pushrc.json", rc({ state: { backend: "local", path: ".push/state.json", persisted: true } }));
    const applied = await p.push(NOW, "apply", "--auto-approve");
    expect(applied.stdout, applied.stderr).toContain("Apply complete: 2 created");
    expect(applied.stderr).not.toContain("state-ephemeral");
    expect(emulatorTasks(p.root)).toBe(2);

    const q = planProject(campaigns, { env: { CI: "false" } });
    expect((await q.push(NOW, "apply", "--auto-approve")).stdout).toContain("Apply complete: 2 created");
    q.setEnv({ CI: "1" });
    const again = await q.push(NOW, "plan");
    expect(again.stderr).not.toContain("state-ephemeral"); // the state holds records: it is the kept one
    expect(again.stdout).toContain("No changes.");
  });

  it("names a mistyped persisted", async () => {
    const p = planProject(campaigns);
    p.write(".pushrc.json", rc({ state: { backend: "local", persisted: "yes" } }));
    const run = await p.push(NOW, "plan");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("state.persisted must be true or false");
  });
});

describe("each environment", () => {
  it("keeps its own local state: staging's records are not production's", async () => {
    const p = planProject(campaigns);
    // Each environment its own apps, as teams have them (the embedded emulator is one provider for both).
    const staging = { apps: { shop: { appKey: 333526247 }, wallet: { appId: "ONEX570DA89211799" } } };
    p.write(".pushrc.json", rc({ environments: { staging, production: {} } }));
    expect((await p.push(NOW, "--env", "staging", "apply", "--auto-approve")).stdout).toContain("Apply complete: 2 created");
    expect(Object.keys(stateAt(p.root, "state.staging.json").tasks).sort()).toEqual(["m1", "s1"]);
    expect(existsSync(join(p.root, ".push", "state.production.json"))).toBe(false);
    expect(existsSync(join(p.root, ".push", "state.json"))).toBe(false);
    expect((await p.push(NOW, "--env", "staging", "plan")).stdout).toContain("No changes.");
    const production = await p.push(NOW, "--env", "production", "plan");
    expect(production.code, production.stderr).toBe(0);
    expect(production.stdout).toContain("Plan: 2 to create");
    expect((await p.push(NOW, "--env", "staging", "state", "list")).stdout).toContain("2 task(s)");
  });

  it("with an empty state of its own, refuses to plan while the shared state holds records from before", async () => {
    const p = planProject(campaigns);
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("Apply complete: 2 created");
    p.write(".pushrc.json", rc({ environments: { production: {} } }));
    const refused = await p.push(NOW, "--env", "production", "plan");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error[state-environment]");
    expect(refused.stderr).toContain(
      "--env production keeps its own state, .push/state.production.json, which is empty, while .push/state.json holds 2 task record(s)",
    );
    expect((await p.push(NOW, "--env", "production", "apply", "--auto-approve")).code).toBe(1);

    // The way out the hint gives: name the shared place for the environment.
    p.write(".pushrc.json", rc({ environments: { production: { state: { backend: "local", path: ".push/state.json" } } } }));
    expect((await p.push(NOW, "--env", "production", "plan")).stdout).toContain("No changes.");
  });
});
