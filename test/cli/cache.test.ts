import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
