/** Apps as the stages see them: the config's apps with `--env` overlays applied and defaults filled in. */
export interface ResolvedEmasApp {
  name: string;
  provider: "emas";
  /** `all` is the key for every platform; per-platform keys win for their platform. */
  appKeys: { all?: number; ios?: number; android?: number; hmos?: number };
}

export interface ResolvedMpaasApp {
  name: string;
  provider: "mpaas";
  appId: string;
  workspaceId: string;
  /** IANA zone the provider reads loop days and times in (default `Asia/Shanghai`). */
  providerTimezone: string;
}

export type ResolvedApp = ResolvedEmasApp | ResolvedMpaasApp;

/** The provider-side identity of an app, as a request names it. */
export type AppRef = { provider: "emas"; appKey: number } | { provider: "mpaas"; appId: string; workspaceId: string };

export const DEFAULT_MPAAS_TIMEZONE = "Asia/Shanghai";
