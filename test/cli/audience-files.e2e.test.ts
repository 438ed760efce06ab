import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnPush } from "../support/bin.js";

// The probe's case, through the real bin: a campaign naming the process's own environment as its audience.
const SECRET = "fake-ak-secret-9f3Kq0";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("devicesFile: ../../../../proc/self/environ", () => {
  it("is refused, and the environment's secret appears in no output of validate, compile or plan in any format", async () => {
    const root = mkdtempSync(join(tmpdir(), "push-environ-"));
    dirs.push(root);
    mkdirSync(join(root, "campaigns"));
    writeFileSync(join(root, ".pushrc.json"), JSON.stringify({ apps: { shop: { provider: "emas", appKey: 233586006 } }, endpoint: "local" }));
    const up = "../".repeat(root.split("/").length + 2);
    writeFileSync(
      join(root, "campaigns", "a.yaml"),
      `id: a\napp: shop\nnotification: {title: T, body: B}\ntarget: {platform: android, devicesFile: ${up}proc/self/environ}\n`,
    );
    const env = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET, PUSH_NOW: "2026-06-01T00:00:00Z" };
    for (const argv of [
      ["validate"],
      ["validate", "--format", "json"],
      ["validate", "--format", "github"],
      ["compile"],
      ["plan"],
      ["plan", "--format", "json"],
      ["plan", "--format", "markdown"],
    ]) {
      const run = await spawnPush(root, env, argv);
      expect(run.code, argv.join(" ")).toBe(1);
      expect(run.out, argv.join(" ")).toContain("audience-file-outside");
      expect(run.out, argv.join(" ")).not.toContain(SECRET);
    }
  });
});
