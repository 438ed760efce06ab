import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeOrphans } from "./build.js";

describe("the build before the suites", () => {
  it("removes compiled files whose source is gone, and nothing else", () => {
    const root = mkdtempSync(join(tmpdir(), "push-dist-"));
    try {
      const file = (path: string) => {
        mkdirSync(join(root, path, ".."), { recursive: true });
        writeFileSync(join(root, path), "");
      };
      ["src/cli/main.ts", "dist/cli/main.js", "dist/cli/main.d.ts", "dist/cli/pipeline.js", "dist/cli/pipeline.d.ts", "dist/build-id.txt"].forEach(file);
      expect(removeOrphans(join(root, "dist"), join(root, "src")).sort()).toEqual(["cli/pipeline.d.ts", "cli/pipeline.js"]);
      expect(["dist/cli/main.js", "dist/cli/main.d.ts", "dist/build-id.txt"].every((p) => existsSync(join(root, p)))).toBe(true);
      expect(existsSync(join(root, "dist/cli/pipeline.js"))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
