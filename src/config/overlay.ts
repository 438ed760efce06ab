/**
 * `environments`: overlays chosen with `--env`. Every overlay's shape (its keys, the apps it names, a change of
 * provider) is checked whichever environment is chosen: `push validate` on a pull request runs without --env and
 * should still catch a typo in the production overlay. An overlay's values are checked only when it is chosen,
 * because they often read variables (`process.env.PUSH_STATE_URL`) that only that environment sets.
 */
import { error } from "../diagnostics/diagnostic.js";
import type { PushConfig } from "./define.js";
import { checkAppKeys, providerOf } from "./apps.js";
import { checkKeys, checkSections, didYouMean, isObject, type ConfigIssue } from "./issues.js";

/** Keys an overlay may set: the top level's, but not `environments` (overlays do not nest). */
export const OVERLAY_KEYS = ["apps", "endpoint", "region", "state", "defaults", "rateLimit", "now", "lint", "frequencyCap"] as const;

/** Reports every overlay's shape mistakes (its values wait until it is chosen). */
export function checkEnvironments(raw: Record<string, unknown>, issues: ConfigIssue[]): void {
  const { environments, apps } = raw;
  if (environments === undefined) return;
  if (!isObject(environments)) {
    issues.push({
      path: ["environments"],
      diagnostic: error("config-env", "environments must map environment names to overlays", { hint: "environments: { production: { endpoint: undefined } }" }),
    });
    return;
  }
  const known = Object.keys(isObject(apps) ? apps : {});
  for (const [env, layer] of Object.entries(environments)) {
    const at = ["environments", env];
    if (!isObject(layer)) {
      issues.push({
        path: at,
        diagnostic: error("config-env", `environments.${env} must be an object`, {
          hint: "an overlay holds the keys it changes: { endpoint: ..., apps: { ... } }",
        }),
      });
      continue;
    }
    checkKeys(layer, OVERLAY_KEYS, at, `environments.${env}`, issues);
    checkSections(layer, at, issues);
    if (layer.apps === undefined) continue;
    if (!isObject(layer.apps)) {
      issues.push({
        path: [...at, "apps"],
        diagnostic: error("config-env", `environments.${env}.apps must be an object`, {
          hint: "name the apps it changes: apps: { shop: { appKey: 333526247 } }",
        }),
      });
      continue;
    }
    for (const [name, app] of Object.entries(layer.apps))
      checkOverlayApp(env, name, app, isObject(apps) && Object.hasOwn(apps, name) ? apps[name] : undefined, known, issues);
  }
}

function checkOverlayApp(env: string, name: string, app: unknown, base: unknown, known: string[], issues: ConfigIssue[]): void {
  const at = ["environments", env, "apps", name];
  if (base === undefined) {
    const message = `app "${name}" is not in apps`;
    issues.push({
      path: at,
      diagnostic: error("config-unknown-app", message, {
        hint: didYouMean(name, known, `an environment changes apps defined in apps (${known.join(", ")}); define ${name} there first`),
      }),
    });
    return;
  }
  if (!isObject(app)) {
    issues.push({
      path: at,
      diagnostic: error("config-env", `environments.${env}.apps.${name} must be an object`, { hint: "give the keys it changes: { appKey: 333526247 }" }),
    });
    return;
  }
  const provider = providerOf(base);
  // The base app's own provider mistake is reported where it stands; its overlay keys cannot be judged without one.
  if (!provider) return;
  if ("provider" in app && app.provider !== provider) {
    issues.push({
      path: [...at, "provider"],
      diagnostic: error("config-env-provider", `environments.${env} cannot change the provider of app "${name}" (${provider} in apps)`, {
        hint: `an app's campaigns compile to one provider's API in every environment: remove provider here, or define another app for ${String(app.provider)}`,
      }),
    });
  }
  checkAppKeys(app, provider, at, issues);
}

export interface Overlaid {
  value: PushConfig;
  /** Dotted path (`apps.shop.appKey`) -> the layer that set it (`push.config.ts` or `push.config.ts#environments.production`). */
  provenance: Record<string, string>;
  /** The key path in the file of a value of `value`: under `environments.<env>` when the overlay set it. */
  sourceOf(path: string[]): string[];
}

/**
 * Overlays `environments[env]` on the base config: top-level keys replace the base's whole (an overlay's `state`
 * is a whole backend), app fields replace the base app's fields. Apps the base lacks and provider changes are
 * left out: checkEnvironments has reported them.
 */
export function applyOverlay(base: PushConfig, env: string | null, layerName: string, issues: ConfigIssue[]): Overlaid {
  const { environments, ...rest } = base;
  const layer = env === null ? undefined : isObject(environments) ? environments[env] : undefined;
  if (env !== null && !isObject(layer)) {
    const known = Object.keys(isObject(environments) ? environments : {});
    issues.push({
      path: ["environments"],
      diagnostic: error("config-unknown-env", `--env ${env}: the config defines no environment "${env}"`, {
        hint: known.length ? didYouMean(env, known, `use one of: ${known.join(", ")}`) : "add `environments: { " + env + ": { ... } }` to the config",
      }),
    });
  }
  const overlay = isObject(layer) ? layer : {};
  const overlayApps = isObject(overlay.apps) ? overlay.apps : {};
  const apps: Record<string, unknown> = { ...base.apps };
  for (const [name, app] of Object.entries(overlayApps)) {
    if (!Object.hasOwn(base.apps, name) || !isObject(app)) continue;
    const { provider: _provider, ...fields } = app;
    apps[name] = { ...(isObject(base.apps[name]) ? base.apps[name] : {}), ...fields };
  }
  const fromOverlay = (path: string[]): boolean => {
    const [top, name, field] = path;
    if (top === undefined) return false;
    if (top !== "apps") return Object.hasOwn(overlay, top);
    const app = name === undefined ? undefined : overlayApps[name];
    return field !== undefined && field !== "provider" && isObject(app) && Object.hasOwn(app, field);
  };
  const envLayer = `${layerName}#environments.${env}`;
  const provenance: Record<string, string> = {};
  const record = (path: string[], value: unknown) => {
    if (isObject(value)) for (const [k, v] of Object.entries(value)) record([...path, k], v);
    else provenance[path.join(".")] = fromOverlay(path) ? envLayer : layerName;
  };
  // An overlay's explicit `undefined` (e.g. `endpoint: undefined` for production) removes the base value.
  const value = { ...rest, ...overlay, apps } as PushConfig;
  record([], value);
  return { value, provenance, sourceOf: (path) => (fromOverlay(path) ? ["environments", env!, ...path] : path) };
}
