import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { project, removeProjectsAfterEach } from "./project.js";

removeProjectsAfterEach();

// The audit's config (§W7): each overlay holds one mistake, on its own line.
const OVERLAYS = `export default {
  apps: {
    shop: { provider: "emas", appKey: 1 },
    wallet: { provider: "mpaas", appId: "A", workspaceId: "w" },
  },
  endpoint: "local",
  environments: {
    production: { apps: { shop: { appKey: "zzz" } } },
    staging: { apps: { shpo: { appKey: 5 } }, endpoint: "http://127.0.0.1:1" },
    bad: { apps: { shop: { provider: "mpaas" } } },
    typo: { endpont: "local" },
    keys: { apps: { shop: { appId: "X" }, wallet: { workspaceID: "w2" } } },
    state: { state: { backend: "postgres" } },
  },
};
`;

const load = (env?: string) => loadConfig({ cwd: project({ "package.json": "{}", "push.config.ts": OVERLAYS }), ...(env ? { env } : {}) });
const summary = (d: { code: string; message: string; hint?: string; range?: { line: number } }) => ({
  code: d.code,
  message: d.message,
  hint: d.hint,
  line: d.range?.line,
});

describe("--env overlays", () => {
  it("checks every overlay's keys and app names, whichever environment is chosen", async () => {
    const { diagnostics } = await load();
    expect(diagnostics.map(summary)).toEqual([
      { code: "config-unknown-app", message: 'app "shpo" is not in apps', hint: "did you mean `shop`?", line: 9 },
      {
        code: "config-env-provider",
        message: 'environments.bad cannot change the provider of app "shop" (emas in apps)',
        hint: expect.stringContaining("define another app for mpaas"),
        line: 10,
      },
      { code: "config-unknown-key", message: 'unknown key "endpont" in environments.typo', hint: "did you mean `endpoint`?", line: 11 },
      {
        code: "config-unknown-key",
        message: 'unknown key "appId" in environments.keys.apps.shop (an emas app)',
        hint: "known keys: provider, appKey",
        line: 12,
      },
      {
        code: "config-unknown-key",
        message: 'unknown key "workspaceID" in environments.keys.apps.wallet (an mpaas app)',
        hint: "did you mean `workspaceId`?",
        line: 12,
      },
    ]);
  });

  it("reports a bad overlay value at the overlay's line, not the base app's", async () => {
    const production = (await load("production")).diagnostics.filter((d) => d.code === "config-app");
    expect(production.map(summary)).toEqual([
      { code: "config-app", message: "apps.shop.appKey must be a positive integer or one per platform", hint: expect.any(String), line: 8 },
    ]);
    expect(production[0]?.range?.column).toBe(35);
    const state = (await load("state")).diagnostics.filter((d) => d.code === "config-state");
    expect(state.map((d) => d.range?.line)).toEqual([13]);
  });

  it("never creates an app from an overlay, nor switches its provider", async () => {
    const staging = await load("staging");
    expect(Object.keys(staging.config?.apps ?? {})).toEqual(["shop", "wallet"]);
    expect(staging.config?.endpoint).toBe("http://127.0.0.1:1");
    const bad = await load("bad");
    expect(bad.config?.apps.shop).toEqual({ name: "shop", provider: "emas", appKeys: { all: 1 } });
    // One diagnostic for the change, not a second one for the mPaaS fields it lacks.
    expect(bad.diagnostics.filter((d) => d.range?.line === 10).map((d) => d.code)).toEqual(["config-env-provider"]);
  });

  it("takes no app name from Object's prototype", async () => {
    const dir = project({
      ".pushrc.json": JSON.stringify({ apps: { shop: { provider: "emas", appKey: 1 } }, environments: { p: { apps: { constructor: { appKey: 2 } } } } }),
    });
    const { config, diagnostics } = await loadConfig({ cwd: dir, env: "p" });
    expect(diagnostics.map((d) => d.code)).toEqual(["config-unknown-app"]);
    expect(Object.keys(config?.apps ?? {})).toEqual(["shop"]);
  });

  it("accepts an overlay that repeats the app's provider", async () => {
    const dir = project({
      ".pushrc.json": JSON.stringify({
        apps: { shop: { provider: "emas", appKey: 1 } },
        environments: { p: { apps: { shop: { provider: "emas", appKey: 2 } } } },
      }),
    });
    const { config, diagnostics } = await loadConfig({ cwd: dir, env: "p" });
    expect(diagnostics).toEqual([]);
    expect(config?.apps.shop).toMatchObject({ appKeys: { all: 2 } });
    expect(config?.provenance).toEqual({ "apps.shop.provider": ".pushrc.json", "apps.shop.appKey": ".pushrc.json#environments.p" });
  });

  it("checks unknown keys of the base apps too", async () => {
    const dir = project({ ".pushrc.json": JSON.stringify({ apps: { shop: { provider: "emas", appKye: 1 } } }) });
    const { diagnostics } = await loadConfig({ cwd: dir });
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ["config-unknown-key", "did you mean `appKey`?"],
      ["config-app", "copy the AppKey from the EMAS console"],
    ]);
  });

  it("refuses environments that are not objects", async () => {
    const dir = project({ ".pushrc.json": JSON.stringify({ apps: { shop: { provider: "emas", appKey: 1 } }, environments: { p: 5, q: { apps: [] } } }) });
    const { diagnostics } = await loadConfig({ cwd: dir });
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["config-env", "environments.p must be an object"],
      ["config-env", "environments.q.apps must be an object"],
    ]);
  });
});
