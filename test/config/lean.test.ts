import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { project, removeProjectsAfterEach } from "./project.js";

removeProjectsAfterEach();

// Which heavy modules a config load pulls in: jiti (with babel) is for scripts only.
const loaded = vi.hoisted(() => new Set<string>());
vi.mock("jiti", async (original) => {
  loaded.add("jiti");
  return original();
});

const RC = { apps: { shop: { provider: "emas", appKey: 1 } } };

describe("loading a config", () => {
  it("loads jiti for a TypeScript config only", async () => {
    const json = await loadConfig({ cwd: project({ ".pushrc.json": JSON.stringify({ ...RC, rateLimit: -1 }) }) });
    expect(json.diagnostics.map((d) => d.code)).toEqual(["config-rate-limit"]);
    const yaml = await loadConfig({
      cwd: project({ ".pushrc.yaml": "apps:\n  shop: { provider: emas, appKey: 1 }\nnow: 2021-07-07T12:00:00+08:00\nendpoint: local\n" }),
    });
    expect(yaml.config?.now).toBe("2021-07-07T12:00:00+08:00");
    expect(loaded.has("jiti")).toBe(false);
    await loadConfig({ cwd: project({ "push.config.ts": `export default ${JSON.stringify(RC)};\n` }) });
    expect(loaded.has("jiti")).toBe(true);
  });

  it("takes the folder of a --config file as the project root", async () => {
    const dir = project({ "package.json": "{}", "conf/x.ts": `export default ${JSON.stringify(RC)};\n` });
    const { config } = await loadConfig({ cwd: dir, configPath: "conf/x.ts" });
    expect(config?.root).toBe(join(dir, "conf"));
  });
});
