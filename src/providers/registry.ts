/** The provider clients for a run: Alibaba Cloud by default, or an emulator / proxy URL serving both products. */
import type { ProviderRegistry } from "./provider.js";
import { EmasProvider } from "./emas/provider.js";
import { MpaasProvider } from "./mpaas/provider.js";
import { OpenApiCaller, type OpenApiOptions } from "./openapi.js";

export interface ProviderOptions {
  /** Absent: Alibaba Cloud. `http://127.0.0.1:4510` or `127.0.0.1:4510`: an emulator or proxy for both products. */
  endpoint?: string;
  /** Alibaba Cloud region, default cn-hangzhou. */
  region?: string;
  /** Absent: the default credential chain (environment, profile, RAM role, OIDC). */
  credentials?: { accessKeyId: string; accessKeySecret: string };
  timeoutMs?: number;
}

export function createProviders(options: ProviderOptions = {}): ProviderRegistry {
  const region = options.region ?? "cn-hangzhou";
  const common = { regionId: region, ...(options.credentials ? { credentials: options.credentials } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const at = (fallbackHost: string): Pick<OpenApiOptions, "endpoint" | "protocol"> => {
    if (!options.endpoint) return { endpoint: fallbackHost, protocol: "https" };
    const url = new URL(options.endpoint.includes("://") ? options.endpoint : `http://${options.endpoint}`);
    return { endpoint: url.host, protocol: url.protocol === "https:" ? "https" : "http" };
  };
  return {
    emas: new EmasProvider(new OpenApiCaller("emas", { ...common, ...at("cloudpush.aliyuncs.com") })),
    mpaas: new MpaasProvider(new OpenApiCaller("mpaas", { ...common, ...at(`mpaas.${region}.aliyuncs.com`) })),
  };
}
