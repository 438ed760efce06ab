/**
 * Finds and loads the config through cosmiconfig (`push.config.ts`, `.pushrc.*`, a `push` key in package.json).
 * TypeScript configs load with jiti, with the package's name `push-campaigns` aliased to this running tool, so
 * `import { defineConfig } from "push-campaigns"` works wherever push is installed (globally, in a parent folder).
 * A file that does not load is one positioned diagnostic (parse.ts); a loaded one is checked by resolve.ts.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { error, type Diagnostic, type SourceRange } from "../diagnostics/diagnostic.js";
import { displayPath } from "../diagnostics/paths.js";
import type { ConfigIssue } from "./issues.js";
import { locatorFor, type KeyLocator } from "./locate.js";
import { ConfigFileError, importScript, loadJson, loadYaml, MODULE_NAME } from "./parse.js";
import { resolveConfig, type ResolvedConfig } from "./resolve.js";

const SEARCH_PLACES = [
  "push.config.ts",
  "push.config.mts",
  "push.config.js",
  "push.config.mjs",
  "push.config.cjs",
  ".pushrc",
  ".pushrc.json",
  ".pushrc.yaml",
  ".pushrc.yml",
  ".pushrc.ts",
  ".pushrc.js",
  ".pushrc.mjs",
  ".pushrc.cjs",
  "package.json",
];

export interface LoadConfigOptions {
  cwd: string;
  /** `--config PATH`. */
  configPath?: string;
  /** `--env NAME`. */
  env?: string;
}

export interface LoadConfigResult {
  config: ResolvedConfig | null;
  /** The config file's folder, the project root: known when a config file was found, even one with mistakes. */
  root: string | null;
  diagnostics: Diagnostic[];
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadConfigResult> {
  const { config, root, diagnostics } = await load(options);
  return { config, root, diagnostics: diagnostics.map((d) => (d.file ? { ...d, file: displayPath(d.file, options.cwd) } : d)) };
}

/** What a loader's `null` becomes: cosmiconfig reads null as "no config here" and would search on past the file. */
const NULL_CONFIG: unique symbol = Symbol("null config");

function keepNull(loader: (filepath: string, content: string) => unknown): (filepath: string, content: string) => Promise<unknown> {
  return async (filepath, content) => {
    const config = await loader(filepath, content);
    return config === null ? NULL_CONFIG : config;
  };
}

async function load(options: LoadConfigOptions): Promise<LoadConfigResult> {
  const { cosmiconfig } = await import("cosmiconfig");
  const explorer = cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: "project",
    loaders: {
      ".ts": keepNull(importScript),
      ".mts": keepNull(importScript),
      ".js": keepNull(importScript),
      ".mjs": keepNull(importScript),
      ".cjs": keepNull(importScript),
      ".json": keepNull(loadJson),
      ".yaml": keepNull(loadYaml),
      ".yml": keepNull(loadYaml),
      noExt: keepNull(loadYaml),
    },
  });
  let found: { config: unknown; filepath: string } | null;
  try {
    found = options.configPath ? await explorer.load(resolve(options.cwd, options.configPath)) : await explorer.search(options.cwd);
  } catch (cause) {
    const file = (cause as { filepath?: unknown } | null)?.filepath;
    return { config: null, root: typeof file === "string" ? dirname(file) : null, diagnostics: [loadFailure(cause, options)] };
  }
  if (!found) {
    return {
      config: null,
      root: null,
      diagnostics: [
        error("config-missing", `no push config found in ${options.cwd} or its parents (up to the nearest package.json)`, {
          hint: "create push.config.ts: export default defineConfig({ apps: { ... } })",
        }),
      ],
    };
  }
  const root = dirname(found.filepath);
  if (found.config === NULL_CONFIG) {
    return {
      config: null,
      root,
      diagnostics: [
        error("config-null", "the config is null (`export default null`, or `null` as its whole text): push needs at least its apps", {
          file: found.filepath,
          range: exportLine(found.filepath),
          hint: "export default defineConfig({ apps: { ... } }) (in push.config.ts), or write the settings in .pushrc.json",
        }),
      ],
    };
  }
  const { config, issues } = resolveConfig(found.config, found.filepath, root, options.env ?? null);
  return { config, root, diagnostics: await positioned(issues, found.filepath) };
}

/** The line that exports the config (`export default`, `module.exports`), else the first. */
function exportLine(filepath: string): SourceRange {
  let line = 1;
  try {
    const index = readFileSync(filepath, "utf8")
      .split("\n")
      .findIndex((l) => /\bexport\s+default\b|\bmodule\.exports\b/.test(l));
    if (index >= 0) line = index + 1;
  } catch {
    // Unreadable since it loaded (deleted meanwhile): the diagnostic still names the file.
  }
  return { line, column: 1, endLine: line, endColumn: 2 };
}

/** A config that cosmiconfig could not find or read: the loaders' own diagnostic, else the file it names. */
function loadFailure(cause: unknown, options: LoadConfigOptions): Diagnostic {
  if (cause instanceof ConfigFileError) return cause.diagnostic;
  // cosmiconfig sets `filepath` on an error from a file it found; with --config, the file is the one named.
  const found = (cause as { filepath?: unknown } | null)?.filepath;
  const file = typeof found === "string" ? found : options.configPath ? resolve(options.cwd, options.configPath) : undefined;
  if (options.configPath && (cause as { code?: unknown } | null)?.code === "ENOENT") {
    return error("config-missing", `--config ${options.configPath}: no such file`, {
      ...(file ? { file } : {}),
      hint: "give the config file's path, relative to the working directory",
    });
  }
  const message = cause instanceof Error ? (cause.message.split("\n")[0] ?? String(cause)) : String(cause);
  return error("config-load", `cannot load the config: ${message}`, { ...(file ? { file } : {}), hint: "fix the config file so that it loads" });
}

/** Places each config diagnostic at the key it is about; the file is read and scanned only when there are issues. */
async function positioned(issues: ConfigIssue[], filepath: string): Promise<Diagnostic[]> {
  if (issues.length === 0) return [];
  let locate: KeyLocator = () => undefined;
  try {
    locate = await locatorFor(filepath, readFileSync(filepath, "utf8"));
  } catch {
    // Unreadable since it loaded (deleted meanwhile): the diagnostics still name the file.
  }
  return issues.map(({ path, diagnostic }) => {
    const range = locate(path);
    return { ...diagnostic, file: filepath, ...(range ? { range } : {}) };
  });
}
