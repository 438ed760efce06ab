/**
 * From the config as written (plus an `--env` overlay) to the resolved config the stages use. Pure: the loader
 * (load.ts) reads the file; this checks every value, reports each mistake as a diagnostic that names the file,
 * and records which layer set each value (provenance, as c12's layers do).
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DEFAULT_MPAAS_TIMEZONE, type ResolvedApp } from "../model/app.js";
import type { PushConfig, StateConfig } from "./define.js";

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  filepath: string;
  /** Directory of the config file: the project root. */
  root: string;
  env: string | null;
  apps: Record<string, ResolvedApp>;
  /** `"local"`, a URL, or null for Alibaba Cloud. */
  endpoint: string | null;
  region: string;
  state: StateConfig;
  defaultTimezone: string;
  rateLimit: number;
  now: string | null;
  /** Dotted path (`apps.shop.appKey`) -> the layer that set it (`push.config.ts` or `push.config.ts#environments.production`). */
  provenance: Record<string, string>;
}

export interface ConfigIssue {
  /** Dotted path of the offending value, e.g. `apps.shop.appKey`. */
  path: string[];
  diagnostic: Diagnostic;
}

const DEFAULT_RATE_LIMIT = 50;
const DEFAULT_REGION = "cn-hangzhou";
const DEFAULT_TIMEZONE = "Asia/Shanghai";
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

type Layered = { value: PushConfig; provenance: Record<string, string> };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Overlays `environments[env]` on the base config, recording where each leaf came from. */
function overlay(base: PushConfig, env: string | null, layerName: string, issues: ConfigIssue[]): Layered {
  const provenance: Record<string, string> = {};
  const record = (prefix: string[], value: unknown, layer: string) => {
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) record([...prefix, k], v, layer);
    } else {
      provenance[prefix.join(".")] = layer;
    }
  };
  const { environments, ...rest } = base;
  record([], rest, layerName);
  if (env === null) return { value: base, provenance };
  const layer = environments?.[env];
  if (!layer) {
    const known = Object.keys(environments ?? {});
    issues.push({
      path: ["environments"],
      diagnostic: error("config-unknown-env", `--env ${env}: the config defines no environment "${env}"`, {
        hint: known.length ? `use one of: ${known.join(", ")}` : "add `environments: { " + env + ": { ... } }` to the config",
      }),
    });
    return { value: base, provenance };
  }
  const envLayer = `${layerName}#environments.${env}`;
  record([], layer, envLayer);
  const apps: Record<string, unknown> = { ...base.apps };
  for (const [name, app] of Object.entries(layer.apps ?? {})) {
    apps[name] = { ...(isObject(base.apps[name]) ? base.apps[name] : {}), ...app };
  }
  // An overlay's explicit `undefined` (e.g. `endpoint: undefined` for production) removes the base value.
  const merged = { ...rest, ...layer, apps } as PushConfig;
  return { value: merged, provenance };
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function resolveApp(name: string, raw: unknown, issues: ConfigIssue[]): ResolvedApp | null {
  const at = (field: string) => ["apps", name, field];
  const fail = (field: string, message: string, hint: string) => {
    issues.push({ path: field ? at(field) : ["apps", name], diagnostic: error("config-app", message, { hint }) });
    return null;
  };
  if (!APP_NAME.test(name)) return fail("", `app name "${name}" is not a valid name`, "use letters, digits, - and _");
  if (!isObject(raw)) return fail("", `apps.${name} must be an object`, `write { provider: "emas", appKey: 123 } or { provider: "mpaas", appId, workspaceId }`);
  if (raw.provider === "emas") {
    const key = raw.appKey;
    const isKey = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v > 0;
    if (isKey(key)) return { name, provider: "emas", appKeys: { all: key as number } };
    if (isObject(key)) {
      const appKeys: { ios?: number; android?: number; hmos?: number } = {};
      for (const [platform, value] of Object.entries(key)) {
        if (platform !== "ios" && platform !== "android" && platform !== "hmos") {
          return fail("appKey", `apps.${name}.appKey has an unknown platform "${platform}"`, "platforms are ios, android and hmos");
        }
        if (!isKey(value)) return fail("appKey", `apps.${name}.appKey.${platform} must be a positive integer`, "copy the AppKey from the EMAS console");
        appKeys[platform] = value as number;
      }
      if (Object.keys(appKeys).length === 0) return fail("appKey", `apps.${name}.appKey names no platform`, "give { ios: ..., android: ..., hmos: ... }");
      return { name, provider: "emas", appKeys };
    }
    return fail("appKey", `apps.${name}.appKey must be a positive integer or one per platform`, "copy the AppKey from the EMAS console");
  }
  if (raw.provider === "mpaas") {
    if (typeof raw.appId !== "string" || raw.appId === "") return fail("appId", `apps.${name}.appId must be a non-empty string`, "copy the mPaaS App ID (e.g. ONEX570DA89211721)");
    if (typeof raw.workspaceId !== "string" || raw.workspaceId === "") return fail("workspaceId", `apps.${name}.workspaceId must be a non-empty string`, "copy the mPaaS workspace id");
    const zone = raw.providerTimezone ?? DEFAULT_MPAAS_TIMEZONE;
    if (typeof zone !== "string" || !isValidZone(zone)) return fail("providerTimezone", `apps.${name}.providerTimezone "${String(zone)}" is not an IANA time zone`, "e.g. Asia/Shanghai");
    return { name, provider: "mpaas", appId: raw.appId, workspaceId: raw.workspaceId, providerTimezone: zone };
  }
  return fail("provider", `apps.${name}.provider must be "emas" or "mpaas"`, 'set provider: "emas" (EMAS Mobile Push) or "mpaas" (mPaaS Message Push)');
}

function resolveState(raw: unknown, issues: ConfigIssue[]): StateConfig {
  if (raw === undefined) return { backend: "local" };
  if (isObject(raw) && raw.backend === "local") {
    if (raw.path !== undefined && typeof raw.path !== "string") {
      issues.push({ path: ["state", "path"], diagnostic: error("config-state", "state.path must be a string", { hint: "e.g. .push/state.json" }) });
    }
    return { backend: "local", ...(typeof raw.path === "string" ? { path: raw.path } : {}) };
  }
  if (isObject(raw) && raw.backend === "postgres") {
    if (typeof raw.url !== "string" || raw.url === "") {
      issues.push({
        path: ["state", "url"],
        diagnostic: error("config-state", "state.url must be a postgres connection URL", { hint: "e.g. url: process.env.PUSH_STATE_URL, and set PUSH_STATE_URL" }),
      });
    }
    return { backend: "postgres", ...(typeof raw.url === "string" ? { url: raw.url } : {}), ...(typeof raw.schema === "string" ? { schema: raw.schema } : {}) };
  }
  issues.push({ path: ["state", "backend"], diagnostic: error("config-state", 'state.backend must be "local" or "postgres"', { hint: 'state: { backend: "local" }' }) });
  return { backend: "local" };
}

const KNOWN_KEYS = new Set(["apps", "endpoint", "region", "state", "defaults", "rateLimit", "now", "environments"]);

export function resolveConfig(raw: unknown, filepath: string, root: string, env: string | null): { config: ResolvedConfig | null; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const layerName = filepath.slice(root.length + 1) || filepath;
  if (!isObject(raw)) {
    issues.push({ path: [], diagnostic: error("config-shape", "the config must export an object", { hint: "export default defineConfig({ apps: { ... } })" }) });
    return { config: null, issues };
  }
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      issues.push({ path: [key], diagnostic: error("config-unknown-key", `unknown config key "${key}"`, { hint: `known keys: ${[...KNOWN_KEYS].join(", ")}` }) });
    }
  }
  if (!isObject(raw.apps) || Object.keys(raw.apps).length === 0) {
    issues.push({ path: ["apps"], diagnostic: error("config-app", "the config defines no apps", { hint: 'apps: { shop: { provider: "emas", appKey: 233586006 } }' }) });
    return { config: null, issues };
  }
  const { value, provenance } = overlay(raw as unknown as PushConfig, env, layerName, issues);
  const apps: Record<string, ResolvedApp> = {};
  for (const [name, app] of Object.entries(value.apps)) {
    const resolved = resolveApp(name, app, issues);
    if (resolved) apps[name] = resolved;
  }
  const endpoint = value.endpoint ?? null;
  if (endpoint !== null && (typeof endpoint !== "string" || !(endpoint === "local" || /^https?:\/\/[^\s/]+\/?$/.test(endpoint)))) {
    issues.push({ path: ["endpoint"], diagnostic: error("config-endpoint", `endpoint "${String(endpoint)}" is neither "local" nor an http(s) URL`, { hint: 'use "local" (the embedded emulator), a URL such as "http://127.0.0.1:4510", or omit it for Alibaba Cloud' }) });
  }
  const timezone = value.defaults?.timezone ?? DEFAULT_TIMEZONE;
  if (!isValidZone(timezone)) {
    issues.push({ path: ["defaults", "timezone"], diagnostic: error("config-timezone", `defaults.timezone "${timezone}" is not an IANA time zone`, { hint: "e.g. Asia/Shanghai, America/New_York" }) });
  }
  const rateLimit = value.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (typeof rateLimit !== "number" || !(rateLimit > 0)) {
    issues.push({ path: ["rateLimit"], diagnostic: error("config-rate-limit", "rateLimit must be a positive number of requests per second", { hint: "e.g. rateLimit: 50" }) });
  }
  const now = value.now ?? null;
  if (now !== null) {
    if (typeof now !== "string" || Number.isNaN(Date.parse(now))) {
      issues.push({ path: ["now"], diagnostic: error("config-now", `now "${String(now)}" is not an ISO-8601 instant`, { hint: "e.g. 2021-07-07T12:00:00+08:00" }) });
    } else if (endpoint !== "local") {
      issues.push({ path: ["now"], diagnostic: error("config-now", "now pins the clock and is only allowed with the embedded emulator (endpoint: \"local\")", { hint: "remove `now`, or use --now / PUSH_NOW for a one-off run" }) });
    }
  }
  const config: ResolvedConfig = {
    filepath,
    root,
    env,
    apps,
    endpoint: typeof endpoint === "string" ? endpoint : null,
    region: value.region ?? DEFAULT_REGION,
    state: resolveState(value.state, issues),
    defaultTimezone: timezone,
    rateLimit: typeof rateLimit === "number" ? rateLimit : DEFAULT_RATE_LIMIT,
    now: typeof now === "string" ? now : null,
    provenance,
  };
  return { config, issues };
}
