/**
 * What a team gets from `npm pack`: the tarball holds the bin, dist, the schemas and the README and nothing else,
 * and a project outside this repository that installs it runs `npx push validate` and `npx push plan` with a
 * push.config.ts importing from "push-campaigns". Offline: the tarball is unpacked into the project's
 * node_modules and its dependencies are linked from this repository's (npm would fetch them).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = process.cwd();
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { name: string; dependencies: Record<string, string>; bin: Record<string, string> };
let work: string;
let files: string[];
let tarball: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "push-pack-"));
  // dist/ is built by `npm ci` (prepare), as for the other end-to-end suites: no second build here.
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: repo, encoding: "utf8" }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed!.files.map((f) => f.path).sort();
  tarball = join(work, packed!.filename);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the package a team installs", () => {
  it("is push-campaigns with the push bin, and packs the bin, dist, the schemas and the README, nothing else", () => {
    expect(pkg.name).toBe("push-campaigns");
    expect(pkg.bin).toEqual({ push: "bin/push.js" });
    expect(files).toEqual(
      expect.arrayContaining([
        "README.md",
        "package.json",
        "bin/push.js",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/build-id.txt",
        "dist/config/define.d.ts",
        "dist/cli/main.js",
        "schemas/campaign.schema.json",
        "schemas/plan.schema.json",
        "templates/github/workflows/push-plan.yml",
      ]),
    );
    expect(
      files.filter(
        (f) =>
          !/^(bin\/push\.js|package\.json|README\.md|schemas\/(campaign|plan)\.schema\.json|templates\/github\/workflows\/push-[a-z]+\.yml|dist\/.+\.(js|d\.ts)|dist\/build-id\.txt)$/.test(
            f,
          ),
      ),
    ).toEqual([]);
  });

  it("runs npx push validate and npx push plan in a project outside this repository", () => {
    const project = join(work, "team-app");
    const installed = join(project, "node_modules", "push-campaigns");
    mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["xzf", tarball, "-C", installed, "--strip-components=1"]);
    // Only the declared dependencies: a module that needs anything else fails here as it would for the team.
    for (const dependency of Object.keys(pkg.dependencies)) {
      mkdirSync(dirname(join(project, "node_modules", dependency)), { recursive: true });
      symlinkSync(join(repo, "node_modules", dependency), join(project, "node_modules", dependency), "dir");
    }
    mkdirSync(join(project, "node_modules", ".bin"));
    symlinkSync("../push-campaigns/bin/push.js", join(project, "node_modules", ".bin", "push"));
    writeFileSync(join(project, "package.json"), '{ "name": "team-app", "private": true }\n');
    writeFileSync(
      join(project, "push.config.ts"),
      'import { defineConfig } from "push-campaigns";\n\nexport default defineConfig({\n  apps: { shop: { provider: "emas", appKey: 233586006 } },\n  endpoint: "local",\n});\n',
    );
    mkdirSync(join(project, "campaigns"));
    writeFileSync(
      join(project, "campaigns", "welcome.yaml"),
      "# yaml-language-server: $schema=../node_modules/push-campaigns/schemas/campaign.schema.json\nid: welcome\napp: shop\ntarget: {platform: ios, devices: [device-id]}\nnotification: {title: Welcome, body: Thanks for installing}\nschedule: {at: 2026-06-19T12:00:00Z}\n",
    );
    // The schema association line of the README resolves from the campaign's folder, and tools that resolve modules find it too.
    expect(JSON.parse(readFileSync(join(project, "campaigns", "../node_modules/push-campaigns/schemas/campaign.schema.json"), "utf8"))).toHaveProperty(
      "$schema",
    );
    const resolved = spawnSync(process.execPath, ["-p", 'require.resolve("push-campaigns/schemas/campaign.schema.json")'], { cwd: project, encoding: "utf8" });
    expect(resolved.stdout.trim()).toBe(join(installed, "schemas", "campaign.schema.json"));
    const planSchema = spawnSync(process.execPath, ["-p", 'require.resolve("push-campaigns/schemas/plan.schema.json")'], { cwd: project, encoding: "utf8" });
    expect(planSchema.stdout.trim()).toBe(join(installed, "schemas", "plan.schema.json"));

    // `--no`: never fetch a package named push from the registry (an unrelated one is there).
    const npx = (...args: string[]) =>
      spawnSync("npx", ["--no", "push", ...args], { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", PUSH_NOW: "" } });
    const validated = npx("validate", "--now", "2026-06-18T00:00:00Z");
    expect(validated.stderr + validated.stdout).toContain("no problems in 1 file (1 campaign)");
    expect(validated.status).toBe(0);
    const planned = npx("plan", "--now", "2026-06-18T00:00:00Z");
    expect(planned.stdout).toContain("+ create  welcome  (PushV2, shop)");
    expect(planned.stdout).toContain("Plan: 1 to create, 0 to replace, 0 to cancel.");
    expect(planned.status).toBe(0);
    // A damaged saved plan is named field by field from the installed package's plan schema.
    writeFileSync(join(project, "bad.json"), '{ "formatVersion": 4, "operations": [{ "kind": "cancel", "key": "k", "reason": "r" }] }');
    const refused = npx("apply", "bad.json", "--now", "2026-06-18T00:00:00Z");
    expect(refused.stderr).toContain("plan.operations[0].prior must be an object, not missing");
    expect(refused.status).toBe(1);
  });
});
