/** The shape of `push.config.ts`, as a user writes it (before `--env` overlays are applied). */
import type { StateConfig } from "../state/backend.js";

export interface EmasAppConfig {
  provider: "emas";
  /** One app key for every platform, or one per platform (EMAS apps are per platform). */
  appKey: number | { ios?: number; android?: number; hmos?: number };
}

export interface MpaasAppConfig {
  provider: "mpaas";
  appId: string;
  workspaceId: string;
  /** The zone the provider reads loop days and times in. Default `Asia/Shanghai` (UTC+8). */
  providerTimezone?: string;
}

export type AppConfig = EmasAppConfig | MpaasAppConfig;

export type { StateConfig };

export interface PushConfig {
  apps: Record<string, AppConfig>;
  /** `"local"`: the embedded emulator; a URL: an emulator or proxy; absent: Alibaba Cloud. */
  endpoint?: string | undefined;
  /** Alibaba Cloud region (default `cn-hangzhou`). */
  region?: string;
  state?: StateConfig;
  defaults?: { timezone?: string };
  /** Requests per second per app during apply (default 50). */
  rateLimit?: number;
  /** At most `max` pushes of one app per recipient within `per` (`24h`, `7d`): more is a frequency-cap warning. */
  frequencyCap?: { max: number; per: string };
  /** Rule levels: `{ "quiet-hours": "error", "title-truncation": "off" }` (the warnings only; see `push rules`). */
  lint?: Record<string, "off" | "warn" | "error">;
  /**
   * Pins the clock, like `--now`/`PUSH_NOW` (which win over it). Only accepted with `endpoint: "local"`:
   * it lets the example project replay the seeds' dates against the embedded emulator.
   */
  now?: string;
  environments?: Record<
    string,
    Partial<Omit<PushConfig, "environments" | "apps">> & {
      apps?: Record<string, Partial<EmasAppConfig> | Partial<MpaasAppConfig>>;
    }
  >;
}

/** Typed identity helper for `push.config.ts`. */
export function defineConfig(config: PushConfig): PushConfig {
  return config;
}
