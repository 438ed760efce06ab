import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { runPush } from "../support/cli.js";
import { project, removeProjectsAfterEach } from "./project.js";

removeProjectsAfterEach();

const TYPOS = `export default {
  apps: {
    shop: { provider: "emsa", appKey: 1 },
    multi: { provider: "emas", appKey: { andriod: 2 } },
    wallet: { provider: "mpaas", appId: "A", workspaceId: "w", providerTimezone: "America/New_Yrok" },
  },
  endpont: "local",
  environmnts: {},
  state: { backend: "postgress" },
  defaults: { timezone: "Asia/Shangai" },
  environments: { production: { state: { backend: "local", pth: "x" }, defaults: { timezon: "UTC" } } },
};
`;

describe("config diagnostics", () => {
  it("suggest the key, zone, provider, platform and backend that was meant", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": TYPOS });
    const { diagnostics } = await loadConfig({ cwd: dir });
    expect(diagnostics.map((d) => [d.range?.line, d.message, d.hint])).toEqual([
      [7, 'unknown key "endpont" in the config', "did you mean `endpoint`?"],
      [8, 'unknown key "environmnts" in the config', "did you mean `environments`?"],
      [11, 'unknown key "pth" in environments.production.state (the local backend)', "did you mean `path`?"],
      [11, 'unknown key "timezon" in environments.production.defaults', "did you mean `timezone`?"],
      [3, 'apps.shop.provider must be "emas" or "mpaas"', "did you mean `emas`?"],
      [4, 'apps.multi.appKey has an unknown platform "andriod"', "did you mean `android`?"],
      [5, 'apps.wallet.providerTimezone "America/New_Yrok" is not an IANA time zone', "did you mean `America/New_York`?"],
      [10, 'defaults.timezone "Asia/Shangai" is not an IANA time zone', "did you mean `Asia/Shanghai`?"],
      [9, 'state.backend must be "local" or "postgres"', "did you mean `postgres`?"],
    ]);
  });

  it("suggest the environment that was meant", async () => {
    const dir = project({ ".pushrc.json": JSON.stringify({ apps: { a: { provider: "emas", appKey: 1 } }, environments: { production: {}, staging: {} } }) });
    const { diagnostics } = await loadConfig({ cwd: dir, env: "prodution" });
    expect(diagnostics[0]).toMatchObject({ code: "config-unknown-env", hint: "did you mean `production`?" });
  });

  it("name the file as campaign diagnostics do: relative to the working directory when inside it", async () => {
    const dir = project({ "package.json": "{}", "conf/x.ts": `export default { apps: {} };\n`, "campaigns/sub/.keep": "" });
    expect((await loadConfig({ cwd: dir, configPath: "conf/x.ts" })).diagnostics[0]?.file).toBe(join("conf", "x.ts"));
    const outside = await loadConfig({ cwd: join(dir, "campaigns", "sub"), configPath: "../../conf/x.ts" });
    expect(outside.diagnostics[0]?.file).toBe(join(dir, "conf", "x.ts"));
  });

  it("print a code frame under the relative path in push validate's text", async () => {
    const dir = project({ "package.json": "{}", "push.config.ts": `export default {\n  apps: {\n    shop: { provider: "emas" appKey: 1 },\n  },\n};\n` });
    const { code, stdout } = await runPush(["validate"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toContain('push.config.ts:3:30: error[config-syntax]: syntax error: Unexpected token, expected ","\n');
    expect(stdout).toContain('> 3 |     shop: { provider: "emas" appKey: 1 },\n    |                              ^\n');
  });
});
