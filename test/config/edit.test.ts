import { describe, expect, it } from "vitest";
import { addApps, appsIn } from "../../src/config/edit.js";

const EMAS = { provider: "emas", appKey: 7 } as const;
const text = async (file: string, source: string) => {
  const edited = await addApps(file, source, { "console-shop": EMAS });
  if ("problem" in edited) throw new Error(edited.problem);
  return edited.text;
};

describe("adding apps to a config file", () => {
  it("splices a TypeScript config: after the last app, in its indentation and comma style, comments where they were", async () => {
    const trailing =
      'export default defineConfig({\n  apps: {\n    shop: { provider: "emas", appKey: 1 }, // key\n  },\n  // the rest\n  endpoint: "local",\n});\n';
    expect(await text("push.config.ts", trailing)).toBe(trailing.replace("// key\n", '// key\n    "console-shop": { provider: "emas", appKey: 7 },\n'));
    const bare = 'export default {\n\tapps: {\n\t\tshop: { provider: "emas", appKey: 1 } // key\n\t}\n};\n';
    expect(await text("push.config.mjs", bare)).toBe(
      bare.replace("appKey: 1 } // key\n", 'appKey: 1 }, // key\n\t\t"console-shop": { provider: "emas", appKey: 7 }\n'),
    );
    const oneLine = 'module.exports = { apps: { shop: { provider: "emas", appKey: 1 } } };\n';
    expect(await text("push.config.cjs", oneLine)).toBe(oneLine.replace("1 } }", '1 }, "console-shop": { provider: "emas", appKey: 7 } }'));
  });

  it("finds the config object behind a const, satisfies, and writes apps when it has none", async () => {
    const indirect = 'const config = { endpoint: "local" } satisfies PushConfig;\nexport default config;\n';
    expect(await text("push.config.ts", indirect)).toBe(
      'const config = { endpoint: "local", apps: { "console-shop": { provider: "emas", appKey: 7 } } } satisfies PushConfig;\nexport default config;\n',
    );
    const noApps = 'export default defineConfig({\n  endpoint: "local",\n});\n';
    expect(await text("push.config.ts", noApps)).toBe(
      'export default defineConfig({\n  endpoint: "local",\n  apps: {\n    "console-shop": { provider: "emas", appKey: 7 },\n  },\n});\n',
    );
  });

  it("says why when the config is not an object literal it can edit", async () => {
    expect(await addApps("push.config.ts", "export default makeConfig();\n", { x: EMAS })).toEqual({
      problem: "no exported object literal was found (export default defineConfig({ ... }), or export default { ... })",
    });
    expect(await addApps("push.config.ts", "export default { apps: loadApps() };\n", { x: EMAS })).toEqual({
      problem: "its `apps` is not written as an object literal ({ shop: { ... } })",
    });
  });

  it("edits JSON, package.json's push key and YAML (comments kept)", async () => {
    expect(await text(".pushrc.json", '{"apps": {}}')).toBe(
      '{\n  "apps": {\n    "console-shop": {\n      "provider": "emas",\n      "appKey": 7\n    }\n  }\n}\n',
    );
    expect(JSON.parse(await text("package.json", '{"name": "x", "push": {"endpoint": "local"}}')).push.apps).toEqual({ "console-shop": EMAS });
    expect(await text(".pushrc.yaml", "# ours\napps:\n  shop: {provider: emas, appKey: 1} # key\n")).toBe(
      "# ours\napps:\n  shop: { provider: emas, appKey: 1 } # key\n  console-shop:\n    provider: emas\n    appKey: 7\n",
    );
  });

  it("reads which apps a script config writes, by provider", async () => {
    const source =
      'export default defineConfig({ apps: { shop: { provider: "emas", appKey: 1 }, "my-wallet": { provider: \'mpaas\', appId: "A", workspaceId: "w" } } });';
    expect(await appsIn("push.config.ts", source)).toEqual({ shop: "emas", "my-wallet": "mpaas" });
    expect(await appsIn("push.config.ts", "// nothing\n")).toBeNull();
  });
});
