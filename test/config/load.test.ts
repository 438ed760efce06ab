import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { project, removeProjectsAfterEach } from "./project.js";

removeProjectsAfterEach();

const TS_CONFIG = `import { defineConfig } from "push-campaigns";

export default defineConfig({
  apps: {
    shop: { provider: "emas", appKey: 233586006 },
    wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" },
  },
  endpoint: "local",
  defaults: { timezone: "America/New_York" },
  environments: {
    production: { endpoint: undefined, apps: { shop: { appKey: 333526247 } } },
  },
});
`;

describe("loadConfig", () => {
  it("loads push.config.ts importing defineConfig from push-campaigns, outside this package", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": TS_CONFIG });
    const { config, diagnostics } = await loadConfig({ cwd: dir });
    expect(diagnostics).toEqual([]);
    expect(config?.apps.shop).toEqual({ name: "shop", provider: "emas", appKeys: { all: 233586006 } });
    expect(config?.apps.wallet).toMatchObject({ provider: "mpaas", providerTimezone: "Asia/Shanghai" });
    expect(config?.defaultTimezone).toBe("America/New_York");
    expect(config?.endpoint).toBe("local");
    expect(config?.root).toBe(dir);
  });

  it("takes defineConfig from the package's name only: the bin's name, push, is another package on the registry", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": TS_CONFIG.replace('"push-campaigns"', '"push"') });
    const { config, diagnostics } = await loadConfig({ cwd: dir });
    expect(config).toBeNull();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "config-load",
        file: "push.config.ts",
        range: { line: 1, column: 30, endLine: 1, endColumn: 36 },
        message: expect.stringContaining('cannot import "push"'),
        hint: 'the package is push-campaigns: write import { defineConfig } from "push-campaigns"',
      }),
    ]);
  });

  it("finds the config from a subfolder", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": TS_CONFIG, "campaigns/sub/.keep": "" });
    const { config } = await loadConfig({ cwd: join(dir, "campaigns", "sub") });
    expect(config?.filepath).toBe(join(dir, "push.config.ts"));
  });

  it("overlays --env and records which layer set each value", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": TS_CONFIG });
    const { config, diagnostics } = await loadConfig({ cwd: dir, env: "production" });
    expect(diagnostics).toEqual([]);
    expect(config?.apps.shop).toMatchObject({ appKeys: { all: 333526247 } });
    expect(config?.endpoint).toBeNull();
    expect(config?.provenance["apps.shop.appKey"]).toBe("push.config.ts#environments.production");
    expect(config?.provenance["apps.wallet.appId"]).toBe("push.config.ts");
  });

  it("reports an unknown --env naming the known ones", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": TS_CONFIG });
    const { diagnostics } = await loadConfig({ cwd: dir, env: "staging" });
    expect(diagnostics[0]).toMatchObject({ code: "config-unknown-env", hint: "use one of: production" });
  });

  it("loads .pushrc.json and a push key in package.json", async () => {
    const rc = project({ ".pushrc.json": JSON.stringify({ apps: { a: { provider: "emas", appKey: { ios: 1, android: 2 } } } }) });
    expect((await loadConfig({ cwd: rc })).config?.apps.a).toEqual({ name: "a", provider: "emas", appKeys: { ios: 1, android: 2 } });
    const pkg = project({ "package.json": JSON.stringify({ name: "x", push: { apps: { b: { provider: "mpaas", appId: "X", workspaceId: "w" } } } }) });
    expect((await loadConfig({ cwd: pkg })).config?.apps.b).toMatchObject({ provider: "mpaas", appId: "X" });
  });

  it("positions a bad value at its key in the TypeScript file", async () => {
    const dir = project({
      "package.json": "{}",
      "push.config.ts": `export default {\n  apps: {\n    shop: { provider: "emas", appKey: "233586006" },\n  },\n  rateLimit: -1,\n};\n`,
    });
    const { diagnostics } = await loadConfig({ cwd: dir });
    const appKey = diagnostics.find((d) => d.code === "config-app");
    expect(appKey).toMatchObject({ file: "push.config.ts", range: { line: 3, column: 31 } });
    expect(appKey?.message).toContain("apps.shop.appKey must be a positive integer");
    expect(diagnostics.find((d) => d.code === "config-rate-limit")?.range?.line).toBe(5);
  });

  it("positions a key within its parent object, not at an earlier key of the same name", async () => {
    const ts = project({
      "package.json": "{}",
      "push.config.ts": `export default {\n  environments: { production: { apps: { shop: { appKey: 2 } } } },\n  apps: {\n    shop: { provider: "emas", appKey: "x" },\n  },\n};\n`,
    });
    expect((await loadConfig({ cwd: ts })).diagnostics[0]?.range).toMatchObject({ line: 4, column: 31 });
    const pkg = project({ "package.json": `{\n  "apps": { "b": 1 },\n  "push": {\n    "apps": { "b": { "provider": "fcm" } }\n  }\n}\n` });
    expect((await loadConfig({ cwd: pkg })).diagnostics[0]?.range).toMatchObject({ line: 4, column: 23 });
    const yaml = project({ ".pushrc.yaml": "# comment: apps\napps:\n  shop:\n    provider: emas\n    appKey: -1\n" });
    expect((await loadConfig({ cwd: yaml })).diagnostics[0]?.range).toMatchObject({ line: 5, column: 5 });
  });

  it("collects every config error at once", async () => {
    const dir = project({
      ".pushrc.json": JSON.stringify({ apps: { a: { provider: "fcm" }, b: { provider: "mpaas" } }, endpoint: "ftp://x", colour: 1 }),
    });
    const { diagnostics } = await loadConfig({ cwd: dir });
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["config-app", "config-app", "config-endpoint", "config-unknown-key"]);
  });

  it("takes as the config's now only an instant with a zone, as --now does", async () => {
    for (const now of ["2021-07-07T12:00:00", "July 7, 2021"]) {
      const dir = project({ ".pushrc.json": JSON.stringify({ apps: { a: { provider: "emas", appKey: 1 } }, endpoint: "local", now }) });
      const { diagnostics } = await loadConfig({ cwd: dir });
      expect(diagnostics).toMatchObject([{ code: "config-now", message: `now "${now}" is not an ISO-8601 instant` }]);
    }
  });

  it("allows a pinned clock only with the embedded emulator", async () => {
    const dir = project({ ".pushrc.json": JSON.stringify({ apps: { a: { provider: "emas", appKey: 1 } }, now: "2021-07-07T12:00:00+08:00" }) });
    const { diagnostics } = await loadConfig({ cwd: dir });
    expect(diagnostics[0]).toMatchObject({ code: "config-now" });
  });

  it("says when there is no config, and when it does not load", async () => {
    const none = project({ "package.json": "{}" });
    expect((await loadConfig({ cwd: none })).diagnostics[0]?.code).toBe("config-missing");
    const broken = project({ "package.json": "{}", "push.config.ts": "export default {{;" });
    const { diagnostics } = await loadConfig({ cwd: broken });
    expect(diagnostics[0]).toMatchObject({ code: "config-syntax", file: "push.config.ts", range: { line: 1, column: 17 } });
  });
});
