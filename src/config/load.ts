/**
 * Finds and loads the config through cosmiconfig (`push.config.ts`, `.pushrc.*`, a `push` key in package.json).
 * TypeScript configs load with jiti, with the module name `push` aliased to this running tool, so
 * `import { defineConfig } from "push"` works wherever push is installed (globally, in a parent folder).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ConfigIssue } from "./issues.js";
import { locatorFor, type KeyLocator } from "./locate.js";
import { resolveConfig, type ResolvedConfig } from "./resolve.js";

const MODULE_NAME = "push";
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
  diagnostics: Diagnostic[];
}

async function importWithJiti(filepath: string): Promise<unknown> {
  const { createJiti } = await import("jiti");
  // Built: dist/index.js beside dist/config; from source (tests): src/index.ts.
  const built = fileURLToPath(new URL("../index.js", import.meta.url));
  const self = existsSync(built) ? built : fileURLToPath(new URL("../index.ts", import.meta.url));
  const jiti = createJiti(import.meta.url, { alias: { [MODULE_NAME]: self }, interopDefault: true, moduleCache: false });
  return jiti.import(filepath, { default: true });
}

async function loadTs(filepath: string): Promise<unknown> {
  return importWithJiti(filepath);
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadConfigResult> {
  const { cosmiconfig } = await import("cosmiconfig");
  const explorer = cosmiconfig(MODULE_NAME, {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: "project",
    loaders: { ".ts": loadTs, ".mts": loadTs, ".js": importWithJiti, ".mjs": importWithJiti, ".cjs": importWithJiti },
  });
  let found: { config: unknown; filepath: string } | null;
  try {
    found = options.configPath ? await explorer.load(resolve(options.cwd, options.configPath)) : await explorer.search(options.cwd);
  } catch (cause) {
    const file = options.configPath ? resolve(options.cwd, options.configPath) : undefined;
    const message = cause instanceof Error ? cause.message.split("\n")[0] ?? String(cause) : String(cause);
    return {
      config: null,
      diagnostics: [error("config-load", `cannot load the config: ${message}`, { ...(file ? { file } : {}), hint: "fix the config file so that it loads (run it with node to see the full error)" })],
    };
  }
  if (!found) {
    return {
      config: null,
      diagnostics: [error("config-missing", `no push config found in ${options.cwd} or its parents (up to the nearest package.json)`, { hint: "create push.config.ts: export default defineConfig({ apps: { ... } })" })],
    };
  }
  const root = dirname(found.filepath);
  const { config, issues } = resolveConfig(found.config, found.filepath, root, options.env ?? null);
  return { config, diagnostics: await positioned(issues, found.filepath) };
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
