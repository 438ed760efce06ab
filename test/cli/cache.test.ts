import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashToolCode } from "../../src/cli/output-cache.js";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

const campaign = (title: string) => `id: a\napp: shop\ntarget: {platform: ios, devicesFile: vip.txt}\nnotification: {title: ${title}, body: b}\n`;

describe("the compile output cache", () => {
  it("replays an unchanged run and notices every kind of change", async () => {
    const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/a.yaml": campaign("one"), "campaigns/vip.txt": "d1\n" });
    const now = ["compile", "--now", "2026-06-01T00:00:00Z"];
    const old = new Date(Date.now() - 60_000);
    const age = (...files: string[]) => files.forEach((f) => utimesSync(join(project.root, f), old, old));
    try {
      age("campaigns/a.yaml", "campaigns/vip.txt");
      const first = await runPush(now, { cwd: project.root });
      expect(first.code).toBe(0);
      const again = await runPush(now, { cwd: project.root });
      expect(again).toEqual(first);

      // Same size and mtime but new content: the racy window makes it re-hash, so the edit is seen.
      writeFileSync(join(project.root, "campaigns/a.yaml"), campaign("two"));
      age("campaigns/a.yaml");
      const edited = await runPush(now, { cwd: project.root });
      expect(edited.stdout).toContain('"Title": "two"');

      writeFileSync(join(project.root, "campaigns/vip.txt"), "d1\nd2\n");
      expect((await runPush(now, { cwd: project.root })).stdout).toContain('"Value": "d1,d2"');

      writeFileSync(join(project.root, "campaigns/b.yaml"), campaign("three").replace("id: a", "id: b"));
      expect(JSON.parse((await runPush(now, { cwd: project.root })).stdout).tasks).toHaveLength(2);

      const later = await runPush(["compile", "--now", "2026-06-02T00:00:00Z"], { cwd: project.root });
      expect(later.code).toBe(0);
    } finally {
      project.cleanup();
    }
  });
});

describe("the build of push that made a cache entry", () => {
  it("is told apart by the content of its modules, whatever the version says", () => {
    const pkg = mkdtempSync(join(tmpdir(), "push-build-"));
    try {
      const code = join(pkg, "dist");
      mkdirSync(join(code, "cli"), { recursive: true });
      writeFileSync(join(pkg, "package.json"), '{"version":"0.1.0"}');
      writeFileSync(join(code, "index.js"), "export const a = 1;\n");
      writeFileSync(join(code, "cli", "main.js"), "export const b = 2;\n");
      const first = hashToolCode(code);
      writeFileSync(join(code, "README.md"), "not code");
      expect(hashToolCode(code)).toBe(first);
      // A module of the same size with other content: a rebuild that a version number or a file size would miss.
      writeFileSync(join(code, "cli", "main.js"), "export const b = 3;\n");
      const rebuilt = hashToolCode(code);
      expect(rebuilt).not.toBe(first);
      writeFileSync(join(pkg, "package.json"), '{"version":"0.2.0"}');
      expect(hashToolCode(code)).not.toBe(rebuilt);
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});
