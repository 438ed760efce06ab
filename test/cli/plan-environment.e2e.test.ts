import { describe, expect, it } from "vitest";
import { runApplyCommand } from "../../src/cli/commands/apply.js";
import { runPlanCommand } from "../../src/cli/commands/plan.js";
import type { CliIO } from "../../src/cli/io.js";
import { loadProject, openWorkspace } from "../../src/cli/project.js";
import type { Workspace } from "../../src/pipeline/workspace.js";
import { APPS_RC, emasAt, emulatorAt, keys, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const overlay = (production: object) => JSON.stringify({ apps: APPS_RC, endpoint: "local", environments: { production } });

describe("a saved plan", () => {
  it("is refused under another environment than the one it was made for, and nothing is sent", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("s1", "2026-06-03T10:00:00Z") });
    p.write(".pushrc.json", overlay({ apps: { shop: { appKey: 333526247 } } }));
    expect((await p.push(NOW, "--env", "production", "plan", "--out", "prod.json")).code).toBe(0);
    expect((await p.push(NOW, "plan", "--out", "base.json")).code).toBe(0);
    const refusals = [
      ["prod.json", [], "the plan was made for --env production (the embedded emulator), and this run is for the config without --env (the embedded emulator)"],
      [
        "base.json",
        ["--env", "production"],
        "the plan was made for the config without --env (the embedded emulator), and this run is for --env production (the embedded emulator)",
      ],
    ] as const;
    for (const [plan, env, why] of refusals) {
      const run = await p.push(NOW, ...env, "apply", plan);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stderr).toContain(`error: the plan cannot be applied:\n  - ${why}`);
    }
    expect((await p.push(NOW, "state", "list")).stdout).toContain("0 task(s)");
    expect((await p.push(NOW, "--env", "production", "apply", "prod.json")).stdout).toContain("Apply complete: 1 created");
  });

  it("records the --env name and endpoint it was made for, and apply says which one when refusing it", async () => {
    const { emulator } = await emulatorAt(NOW);
    const p = planProject({ "campaigns/a.yaml": emasAt("s1", "2026-06-03T10:00:00Z") }, { env: keys(emulator) });
    p.write(".pushrc.json", overlay({ endpoint: emulator.url }));
    let stderr = "";
    const io: CliIO = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      env: { NO_COLOR: "1", ...keys(emulator) },
      cwd: p.root,
    };
    // The workspace as the CLI opens it for `--env`.
    const workspace = async (env?: string): Promise<Workspace> => {
      const { project } = await loadProject({ now: NOW, ...(env ? { env } : {}) }, io);
      return openWorkspace(project!, io);
    };
    const production = await workspace("production");
    expect(await runPlanCommand(production, { format: "text", out: "prod.json", detailedExitcode: false }, io)).toBe(0);
    expect(JSON.parse(p.read("prod.json")).environment).toMatchObject({
      name: "production",
      endpoint: emulator.url,
      region: "cn-hangzhou",
      digest: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    await production.close();

    const base = await workspace();
    expect(await runApplyCommand(base, { planFile: "prod.json", autoApprove: true }, io)).toBe(1);
    await base.close();
    expect(stderr).toContain(
      `the plan was made for --env production (${emulator.url}), and this run is for the config without --env (the embedded emulator): apply it with --env production, or make a plan for this environment`,
    );
    expect((await p.push(NOW, "state", "list")).stdout).toContain("0 task(s)");
  });
});
