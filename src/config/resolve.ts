/**
 * From the config as written (plus an `--env` overlay) to the resolved config the stages use. Pure: the loader
 * (load.ts) reads the file; this checks every value, reports each mistake as a diagnostic that names the file,
 * and records which layer set each value (provenance, as c12's layers do).
 */
import { parseInstant } from "../lib/time/instant.js";
import { ttlSeconds } from "../lib/time/duration.js";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { error } from "../diagnostics/diagnostic.js";
import { rules, TUNABLE, type Level } from "../diagnostics/levels.js";
import { maskDiagnostic } from "../diagnostics/secrets.js";
import type { ResolvedApp } from "../model/app.js";
import { isIanaZone } from "../model/zone.js";
import { checkAppKeys, providerOf, resolveApp, zoneHint } from "./apps.js";
import type { PushConfig, StateConfig } from "./define.js";
import { checkKeys, checkSections, didYouMean, isObject, type ConfigIssue } from "./issues.js";
import { applyOverlay, checkEnvironments, OVERLAY_KEYS } from "./overlay.js";

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
  /** Rule levels the config sets (`lint`), by rule code. */
  lint: Record<string, Level>;
  /** `frequencyCap`, the window in seconds; null: none. */
  frequencyCap: { max: number; perSeconds: number } | null;
  defaultTimezone: string;
  rateLimit: number;
  now: string | null;
  /** Dotted path (`apps.shop.appKey`) -> the layer that set it (`push.config.ts` or `push.config.ts#environments.production`). */
  provenance: Record<string, string>;
}

const DEFAULT_RATE_LIMIT = 50;
const DEFAULT_REGION = "cn-hangzhou";
const DEFAULT_TIMEZONE = "Asia/Shanghai";
const KNOWN_KEYS = [...OVERLAY_KEYS, "environments"];

function resolveState(raw: unknown, issues: ConfigIssue[]): StateConfig {
  if (raw === undefined) return { backend: "local" };
  if (isObject(raw) && raw.backend === "local") {
    if (raw.path !== undefined && typeof raw.path !== "string") {
      issues.push({ path: ["state", "path"], diagnostic: error("config-state", "state.path must be a string", { hint: "e.g. .push/state.json" }) });
    }
    if (raw.persisted !== undefined && typeof raw.persisted !== "boolean") {
      issues.push({
        path: ["state", "persisted"],
        diagnostic: error("config-state", "state.persisted must be true or false", { hint: "true: the CI workflow keeps state.path between runs" }),
      });
    }
    return { backend: "local", ...(typeof raw.path === "string" ? { path: raw.path } : {}), ...(raw.persisted === true ? { persisted: true } : {}) };
  }
  if (isObject(raw) && raw.backend === "postgres") {
    if (typeof raw.url !== "string" || raw.url === "") {
      issues.push({
        path: ["state", "url"],
        diagnostic: error("config-state", "state.url must be a postgres connection URL", {
          hint: "e.g. url: process.env.PUSH_STATE_URL, and set PUSH_STATE_URL",
        }),
      });
    }
    return { backend: "postgres", ...(typeof raw.url === "string" ? { url: raw.url } : {}), ...(typeof raw.schema === "string" ? { schema: raw.schema } : {}) };
  }
  issues.push({
    path: ["state", "backend"],
    diagnostic: error("config-state", 'state.backend must be "local" or "postgres"', {
      hint: didYouMean(isObject(raw) ? raw.backend : undefined, ["local", "postgres"], 'state: { backend: "local" }'),
    }),
  });
  return { backend: "local" };
}

/** `frequencyCap: { max: 2, per: "24h" }`. */
function resolveFrequencyCap(raw: unknown, issues: ConfigIssue[]): { max: number; perSeconds: number } | null {
  if (raw === undefined) return null;
  const per = isObject(raw) && typeof raw.per === "string" && /^\d+[smhd]$/.test(raw.per) ? ttlSeconds(raw.per) : null;
  if (isObject(raw) && Number.isInteger(raw.max) && (raw.max as number) > 0 && per) return { max: raw.max as number, perSeconds: per };
  issues.push({
    path: ["frequencyCap"],
    diagnostic: error("config-frequency-cap", "frequencyCap must be { max: a whole number of pushes, per: a duration }", {
      hint: 'e.g. frequencyCap: { max: 2, per: "24h" }',
    }),
  });
  return null;
}

const LEVELS = ["off", "warn", "error"] as const;

/** `lint: { "quiet-hours": "error" }`: levels of the rules a project may tune; an error stays an error. */
function resolveLint(raw: unknown, issues: ConfigIssue[]): Record<string, Level> {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    issues.push({
      path: ["lint"],
      diagnostic: error("config-lint", "lint must map rule codes to off, warn or error", { hint: 'e.g. lint: { "quiet-hours": "error" }' }),
    });
    return {};
  }
  const out: Record<string, Level> = {};
  const codes = rules().map((r) => r.code as string);
  for (const [code, level] of Object.entries(raw)) {
    const path = ["lint", code];
    if (!codes.includes(code))
      issues.push({ path, diagnostic: error("config-lint", `lint: "${code}" is not a rule`, { hint: didYouMean(code, codes, "push rules lists them") }) });
    else if (!LEVELS.includes(level as Level))
      issues.push({
        path,
        diagnostic: error("config-lint", `lint.${code} must be off, warn or error`, { hint: didYouMean(level, LEVELS, `"${code}": "warn"`) }),
      });
    else if (!TUNABLE.has(code as DiagnosticCode) && level !== "error")
      issues.push({
        path,
        diagnostic: error("config-lint", `lint.${code} cannot be ${level}: ${code} is an error that guards a provider's limit or push's safety`, {
          hint: `remove it; the rules a project may tune: ${[...TUNABLE.keys()].join(", ")}`,
        }),
      });
    else out[code] = level as Level;
  }
  return out;
}

export function resolveConfig(raw: unknown, filepath: string, root: string, env: string | null): { config: ResolvedConfig | null; issues: ConfigIssue[] } {
  const { config, issues } = resolveChecked(raw, filepath, root, env);
  // A message may quote a value (an endpoint, a state URL): never with its password.
  return { config, issues: issues.map((issue) => ({ ...issue, diagnostic: maskDiagnostic(issue.diagnostic) })) };
}

function resolveChecked(raw: unknown, filepath: string, root: string, env: string | null): { config: ResolvedConfig | null; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const layerName = filepath.slice(root.length + 1) || filepath;
  if (!isObject(raw)) {
    issues.push({
      path: [],
      diagnostic: error("config-shape", "the config must export an object", { hint: "export default defineConfig({ apps: { ... } })" }),
    });
    return { config: null, issues };
  }
  checkKeys(raw, KNOWN_KEYS, [], "the config", issues);
  checkSections(raw, [], issues);
  if (!isObject(raw.apps) || Object.keys(raw.apps).length === 0) {
    issues.push({
      path: ["apps"],
      diagnostic: error("config-app", "the config defines no apps", { hint: 'apps: { shop: { provider: "emas", appKey: 233586006 } }' }),
    });
    return { config: null, issues };
  }
  for (const [name, app] of Object.entries(raw.apps)) {
    const provider = providerOf(app);
    if (provider && isObject(app)) checkAppKeys(app, provider, ["apps", name], issues);
  }
  checkEnvironments(raw, issues);
  const { value, provenance, sourceOf } = applyOverlay(raw as unknown as PushConfig, env, layerName, issues);
  // Values are checked after the overlay, each issue then placed in the layer that set the value.
  const valueIssues: ConfigIssue[] = [];
  const config = resolveValues(value, valueIssues, { filepath, root, env, provenance });
  for (const issue of valueIssues) issues.push({ ...issue, path: sourceOf(issue.path) });
  return { config, issues };
}

function resolveValues(value: PushConfig, issues: ConfigIssue[], where: Pick<ResolvedConfig, "filepath" | "root" | "env" | "provenance">): ResolvedConfig {
  const apps: Record<string, ResolvedApp> = {};
  for (const [name, app] of Object.entries(value.apps)) {
    const resolved = resolveApp(name, app, issues);
    if (resolved) apps[name] = resolved;
  }
  const endpoint = value.endpoint ?? null;
  if (endpoint !== null && (typeof endpoint !== "string" || !(endpoint === "local" || /^https?:\/\/[^\s/]+\/?$/.test(endpoint)))) {
    issues.push({
      path: ["endpoint"],
      diagnostic: error("config-endpoint", `endpoint "${String(endpoint)}" is neither "local" nor an http(s) URL`, {
        hint: 'use "local" (the embedded emulator), a URL such as "http://127.0.0.1:4510", or omit it for Alibaba Cloud',
      }),
    });
  }
  const timezone = value.defaults?.timezone ?? DEFAULT_TIMEZONE;
  if (!isIanaZone(timezone)) {
    issues.push({
      path: ["defaults", "timezone"],
      diagnostic: error("config-timezone", `defaults.timezone "${timezone}" is not an IANA time zone`, { hint: zoneHint(timezone) }),
    });
  }
  const rateLimit = value.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (typeof rateLimit !== "number" || !(rateLimit > 0)) {
    issues.push({
      path: ["rateLimit"],
      diagnostic: error("config-rate-limit", "rateLimit must be a positive number of requests per second", { hint: "e.g. rateLimit: 50" }),
    });
  }
  const now = value.now ?? null;
  if (now !== null) {
    if (typeof now !== "string" || parseInstant(now) === null) {
      issues.push({
        path: ["now"],
        diagnostic: error("config-now", `now "${String(now)}" is not an ISO-8601 instant`, { hint: "e.g. 2021-07-07T12:00:00+08:00" }),
      });
    } else if (endpoint !== "local") {
      issues.push({
        path: ["now"],
        diagnostic: error("config-now", 'now pins the clock and is only allowed with the embedded emulator (endpoint: "local")', {
          hint: "remove `now` (in an environment that leaves the emulator, set `now: undefined` in its overlay); --now and PUSH_NOW pin a single run",
        }),
      });
    }
  }
  return {
    ...where,
    apps,
    endpoint: typeof endpoint === "string" ? endpoint : null,
    region: value.region ?? DEFAULT_REGION,
    state: resolveState(value.state, issues),
    lint: resolveLint(value.lint, issues),
    frequencyCap: resolveFrequencyCap(value.frequencyCap, issues),
    defaultTimezone: timezone,
    rateLimit: typeof rateLimit === "number" ? rateLimit : DEFAULT_RATE_LIMIT,
    now: typeof now === "string" ? now : null,
  };
}
