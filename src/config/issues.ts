/** What the config checks share: an issue is a diagnostic plus the key path it is about, placed by load.ts. */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { suggest } from "../validate/suggest.js";

export interface ConfigIssue {
  /** Key path in the config file, e.g. `apps.shop.appKey` or `environments.production.apps.shop.appKey`. */
  path: string[];
  diagnostic: Diagnostic;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
