/**
 * `push init` without a terminal (issue 14, item 1): in an empty folder it writes a project that validates and
 * plans; a second run changes nothing; an existing file is kept unless --force; --ci github writes the workflows.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPush, tempProject } from "../support/cli.js";

const REPO = resolve(import.meta.dirname, "../..");
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function emptyFolder() {
  const p = tempProject({ ".gitignore": "node_modules/\n" });
  cleanups.push(p.cleanup);
  // The package, as `npm install --save-dev push-campaigns` puts it: the config imports defineConfig from it.
  mkdirSync(join(p.root, "node_modules"));
  symlinkSync(REPO, join(p.root, "node_modules", "push-campaigns"), "dir");
  return p.root;
}

describe("push init", () => {
  it("writes a project that validates and plans, and a second run changes nothing", async () => {
    const root = emptyFolder();
    const init = await runPush(["init", "--provider", "emas", "mpaas", "--ci", "github"], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("written   push.config.ts\n");
    expect(init.stdout).toContain("written   campaigns/welcome.yaml\n");
    expect(init.stdout).toContain("written   campaigns/reminder.yaml\n");
    expect(init.stdout).toContain("replaced  .gitignore\n");
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe("node_modules/\n# push: local state, the embedded emulator, caches, previews\n.push/\n");
    expect(readdirSync(join(root, ".github/workflows")).sort()).toEqual(["push-apply.yml", "push-deferred.yml", "push-plan.yml"]);
    expect(readFileSync(join(root, ".github/workflows/push-plan.yml"), "utf8")).toBe(
      readFileSync(join(REPO, "templates/github/workflows/push-plan.yml"), "utf8"),
    );
    expect(readFileSync(join(root, "campaigns/welcome.yaml"), "utf8")).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/node_modules\/push-campaigns\/schemas\/campaign\.schema\.json\n/,
    );

    const validate = await runPush(["validate"], { cwd: root });
    expect(validate.stderr + validate.stdout).toContain("no problems in 2 files (2 campaigns)");
    const plan = await runPush(["plan"], { cwd: root });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("Plan: 2 to create, 0 to replace, 0 to cancel.");

    const again = await runPush(["init", "--provider", "emas", "mpaas", "--ci", "github"], { cwd: root });
    expect(again.stdout).toContain("Nothing to change: the project is already initialised.");
    expect(again.stdout).not.toMatch(/^(written|replaced)/m);
  });

  it("keeps a file that exists and differs, unless --force; writes into a folder it is given", async () => {
    const root = emptyFolder();
    mkdirSync(join(root, "app"));
    writeFileSync(join(root, "app/push.config.ts"), "// ours\n");
    const kept = await runPush(["init", "app"], { cwd: root });
    expect(kept.stdout).toContain("kept      app/push.config.ts  (exists and differs: kept; --force replaces it)");
    expect(readFileSync(join(root, "app/push.config.ts"), "utf8")).toBe("// ours\n");
    expect(kept.stdout).toContain("written   app/campaigns/welcome.yaml");
    const forced = await runPush(["init", "app", "--force"], { cwd: root });
    expect(forced.stdout).toContain("replaced  app/push.config.ts");
    expect(readFileSync(join(root, "app/push.config.ts"), "utf8")).toContain('shop: { provider: "emas"');
  });

  it("adds the apps of the providers an existing config lacks, through ts-morph, keeping its comments and layout", async () => {
    const root = emptyFolder();
    const ours = [
      'import { defineConfig } from "push-campaigns";',
      "",
      "// Our apps.",
      "export default defineConfig({",
      "  apps: {",
      '    store: { provider: "emas", appKey: 233586006 }, // production key',
      "  },",
      '  endpoint: "local", // the emulator, for now',
      "});",
      "",
    ].join("\n");
    writeFileSync(join(root, "push.config.ts"), ours);
    const init = await runPush(["init", "--provider", "emas", "mpaas"], { cwd: root });
    expect(init.stdout).toContain("edited    push.config.ts  (the example apps it lacked added; the rest kept as written)\n");
    expect(readFileSync(join(root, "push.config.ts"), "utf8")).toBe(
      ours.replace("// production key\n", '// production key\n    wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "default" },\n'),
    );
    // The example campaign names the app the config has for its provider.
    expect(readFileSync(join(root, "campaigns/welcome.yaml"), "utf8")).toContain("\napp: store\n");
    expect(readFileSync(join(root, "campaigns/reminder.yaml"), "utf8")).toContain("\napp: wallet\n");
    const plan = await runPush(["plan"], { cwd: root });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("Plan: 2 to create, 0 to replace, 0 to cancel.");
    const again = await runPush(["init", "--provider", "emas", "mpaas"], { cwd: root });
    expect(again.stdout).toContain("unchanged push.config.ts\n");
    expect(again.stdout).toContain("Nothing to change: the project is already initialised.");
  });
});
