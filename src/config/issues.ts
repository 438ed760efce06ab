/** What the config checks share: an issue is a diagnostic plus the key path it is about, placed by load.ts. */
import { isObject } from "../model/json.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggest } from "../diagnostics/suggest.js";

export interface ConfigIssue {
  /** Key path in the config file, e.g. `apps.shop.appKey` or `environments.production.apps.shop.appKey`. */
  path: string[];
  diagnostic: Diagnostic;
}

/** `did you mean \`x\`?` for the allowed value closest to `value`, else `fallback`. */
export function didYouMean(value: unknown, allowed: readonly string[], fallback: string): string {
  const guess = typeof value === "string" ? suggest(value, [...allowed]) : null;
  return guess ? `did you mean \`${guess}\`?` : fallback;
}

/** One `config-unknown-key` issue per key of `raw` that is not allowed; `where` names the object (`apps.shop`). */
export function checkKeys(raw: Record<string, unknown>, allowed: readonly string[], path: string[], where: string, issues: ConfigIssue[]): void {
  for (const key of Object.keys(raw)) {
    if (allowed.includes(key)) continue;
    issues.push({
      path: [...path, key],
      diagnostic: error("config-unknown-key", `unknown key "${key}" in ${where}`, { hint: didYouMean(key, allowed, `known keys: ${allowed.join(", ")}`) }),
    });
  }
}

const STATE_KEYS: Record<string, readonly string[]> = { local: ["backend", "path", "persisted"], postgres: ["backend", "url", "schema"] };

/** The keys of `state` (per backend) and `defaults` in the config or an overlay (`path` is where `layer` sits). */
export function checkSections(layer: Record<string, unknown>, path: string[], issues: ConfigIssue[]): void {
  const { state, defaults } = layer;
  const where = (key: string) => [...path, key].join(".");
  // A state with an unknown backend has no known keys: its backend is reported when the values are checked.
  const stateKeys = isObject(state) && typeof state.backend === "string" && Object.hasOwn(STATE_KEYS, state.backend) ? STATE_KEYS[state.backend] : undefined;
  if (isObject(state) && stateKeys) checkKeys(state, stateKeys, [...path, "state"], `${where("state")} (the ${String(state.backend)} backend)`, issues);
  if (isObject(defaults)) checkKeys(defaults, ["timezone"], [...path, "defaults"], where("defaults"), issues);
}

export { isObject };
