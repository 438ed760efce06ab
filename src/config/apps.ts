/** One app of the config: its keys (per provider) and its values, each mistake an issue at the app's key. */
import { error } from "../diagnostics/diagnostic.js";
import { DEFAULT_MPAAS_TIMEZONE, type ResolvedApp } from "../model/app.js";
import { PROVIDER_NAMES, type ProviderName } from "../model/task.js";
import { checkKeys, didYouMean, isObject, type ConfigIssue } from "./issues.js";
import { isIanaZone } from "../model/zone.js";

const APP_KEYS: Record<ProviderName, readonly string[]> = {
  emas: ["provider", "appKey"],
  mpaas: ["provider", "appId", "workspaceId", "providerTimezone"],
};
const PLATFORMS = ["ios", "android", "hmos"] as const;
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export function providerOf(app: unknown): ProviderName | null {
  const provider = isObject(app) ? app.provider : undefined;
  return PROVIDER_NAMES.find((p) => p === provider) ?? null;
}

/** Keys the app's provider does not know (an mPaaS `appId` on an EMAS app, a typo); `path` is where `app` sits. */
export function checkAppKeys(app: Record<string, unknown>, provider: ProviderName, path: string[], issues: ConfigIssue[]): void {
  checkKeys(app, APP_KEYS[provider], path, `${path.join(".")} (an ${provider} app)`, issues);
}

/** A fix for a zone Intl does not know: the closest IANA name (`Asia/Shangai` -> `Asia/Shanghai`). */
export function zoneHint(zone: unknown): string {
  // supportedValuesOf lists canonical zones only, without `UTC`.
  return didYouMean(zone, [...Intl.supportedValuesOf("timeZone"), "UTC"], "give an IANA time zone such as Asia/Shanghai or America/New_York");
}

/** The app with defaults filled in, or null after reporting its first mistake (later checks would repeat it). */
export function resolveApp(name: string, raw: unknown, issues: ConfigIssue[]): ResolvedApp | null {
  const fail = (field: string, message: string, hint: string) => {
    issues.push({ path: field ? ["apps", name, field] : ["apps", name], diagnostic: error("config-app", message, { hint }) });
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
        const known = PLATFORMS.find((p) => p === platform);
        if (!known)
          return fail(
            "appKey",
            `apps.${name}.appKey has an unknown platform "${platform}"`,
            didYouMean(platform, PLATFORMS, "platforms are ios, android and hmos"),
          );
        if (!isKey(value)) return fail("appKey", `apps.${name}.appKey.${platform} must be a positive integer`, "copy the AppKey from the EMAS console");
        appKeys[known] = value as number;
      }
      if (Object.keys(appKeys).length === 0) return fail("appKey", `apps.${name}.appKey names no platform`, "give { ios: ..., android: ..., hmos: ... }");
      return { name, provider: "emas", appKeys };
    }
    return fail("appKey", `apps.${name}.appKey must be a positive integer or one per platform`, "copy the AppKey from the EMAS console");
  }
  if (raw.provider === "mpaas") {
    if (typeof raw.appId !== "string" || raw.appId === "")
      return fail("appId", `apps.${name}.appId must be a non-empty string`, "copy the mPaaS App ID (e.g. ONEX570DA89211721)");
    if (typeof raw.workspaceId !== "string" || raw.workspaceId === "")
      return fail("workspaceId", `apps.${name}.workspaceId must be a non-empty string`, "copy the mPaaS workspace id");
    const zone = raw.providerTimezone ?? DEFAULT_MPAAS_TIMEZONE;
    if (typeof zone !== "string" || !isIanaZone(zone))
      return fail("providerTimezone", `apps.${name}.providerTimezone "${String(zone)}" is not an IANA time zone`, zoneHint(zone));
    return { name, provider: "mpaas", appId: raw.appId, workspaceId: raw.workspaceId, providerTimezone: zone };
  }
  return fail(
    "provider",
    `apps.${name}.provider must be "emas" or "mpaas"`,
    didYouMean(raw.provider, PROVIDER_NAMES, 'set provider: "emas" (EMAS Mobile Push) or "mpaas" (mPaaS Message Push)'),
  );
}
