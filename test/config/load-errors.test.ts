import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { jsonErrorOffset } from "../../src/config/parse.js";
import { project, removeProjectsAfterEach } from "./project.js";

removeProjectsAfterEach();

const APPS = `apps: { shop: { provider: "emas", appKey: 1 } }`;

async function loadError(files: Record<string, string>) {
  const dir = project(files);
  const { config, diagnostics } = await loadConfig({ cwd: dir });
  expect(config).toBeNull();
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe("a config that does not load", () => {
  it("says a config that is null is null, at its export, in every form", async () => {
    const forms: Record<string, string> = {
      "push.config.ts": `import { defineConfig } from "push";\n\nexport default null;\n`,
      "push.config.mjs": "export default null;\n",
      "push.config.cjs": "module.exports = null;\n",
      ".pushrc.json": "null\n",
    };
    for (const [file, text] of Object.entries(forms)) {
      const d = await loadError({ "package.json": "{}", [file]: text });
      expect(d).toMatchObject({ code: "config-null", file, range: { line: file === "push.config.ts" ? 3 : 1 } });
    }
  });

  it("positions a TypeScript syntax error", async () => {
    const d = await loadError({ "package.json": "{}", "push.config.ts": `export default {\n  apps: {\n    shop: { provider: "emas" appKey: 1 },\n  },\n};\n` });
    expect(d).toMatchObject({
      code: "config-syntax",
      message: 'syntax error: Unexpected token, expected ","',
      file: "push.config.ts",
      range: { line: 3, column: 30 },
    });
  });

  it("names the imported module that has the syntax error", async () => {
    const d = await loadError({
      "package.json": "{}",
      "push.config.ts": `import { apps } from "./apps.ts";\nexport default { apps };\n`,
      "apps.ts": `export const apps = {\n  shop: { provider: "emas", appKey: 1 ;\n};\n`,
    });
    expect(d).toMatchObject({ code: "config-syntax", file: "apps.ts", range: { line: 2 } });
  });

  it("positions a JSON syntax error in .pushrc.json and package.json, with the parser's message", async () => {
    const rc = await loadError({ ".pushrc.json": `{\n  "apps": {\n    "shop": { "provider": "emas", "appKey": 1 },\n  }\n}\n` });
    expect(rc).toMatchObject({
      code: "config-syntax",
      message: "invalid JSON: Expected double-quoted property name",
      file: ".pushrc.json",
      range: { line: 4, column: 3 },
    });
    const pkg = await loadError({ "package.json": `{\n  "name": "x",\n  "push": { "apps": [1,,2] }\n}\n` });
    expect(pkg).toMatchObject({ code: "config-syntax", message: "invalid JSON: Unexpected token ','", file: "package.json", range: { line: 3, column: 24 } });
  });

  it("positions a YAML syntax error", async () => {
    const d = await loadError({ ".pushrc.yaml": `apps:\n  shop: { provider: emas, appKey: 1\nendpoint: local\n` });
    expect(d).toMatchObject({ code: "config-syntax", file: ".pushrc.yaml", range: { line: expect.any(Number) } });
  });

  it("names the file and the line of a config that throws", async () => {
    const thrown = await loadError({
      "package.json": "{}",
      "push.config.ts": `const key: number = 1;\nif (key === 1) {\n  throw new TypeError("boom");\n}\nexport default { ${APPS} };\n`,
    });
    expect(thrown).toMatchObject({
      code: "config-load",
      message: "the config threw while loading: TypeError: boom",
      file: "push.config.ts",
      range: { line: 3, column: 9 },
    });
    const plain = await loadError({ "package.json": "{}", "push.config.mjs": `throw "plain";\n` });
    expect(plain).toMatchObject({ code: "config-load", message: "the config threw while loading: plain", file: "push.config.mjs" });
    expect(plain.range).toBeUndefined();
  });

  it("names the file given with --config that does not exist", async () => {
    const dir = project({ "package.json": "{}" });
    const { diagnostics } = await loadConfig({ cwd: dir, configPath: "conf/x.ts" });
    expect(diagnostics[0]).toMatchObject({ code: "config-missing", message: "--config conf/x.ts: no such file", file: join("conf", "x.ts") });
  });
});

describe("jsonErrorOffset", () => {
  it("finds the offset V8 names, where V8 names one", () => {
    const broken = [
      `{"a":1,}`,
      `{"a": 1`,
      `[1, 2`,
      `{"a" 1}`,
      `{"a": "x\ny"}`,
      `{"a": 01}`,
      `{"a": "\\q"}`,
      `{,}`,
      `{"a": -}`,
      `{"a": 1.}`,
      `{"a": 1e}`,
      `{"a": 1.5e+}`,
      `{"a": "\\u12"}`,
      `  `,
    ];
    for (const text of broken) {
      let message = "";
      try {
        JSON.parse(text);
      } catch (e) {
        message = (e as Error).message;
      }
      const named = / at position (\d+)/.exec(message)?.[1] ?? (message === "Unexpected end of JSON input" ? String(text.length) : undefined);
      expect([text, jsonErrorOffset(text)]).toEqual([text, Number(named)]);
    }
  });

  it("finds it where V8 only quotes the text around it", () => {
    expect(jsonErrorOffset(`{"a": [1,,2]}`)).toBe(9);
    expect(jsonErrorOffset(`{"a": tru}`)).toBe(6);
    expect(jsonErrorOffset(`[1] x`)).toBe(4);
  });
});
