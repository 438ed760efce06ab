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

const DEFAULT_REGION = "cn-hangzhou";

/**
 * The hosts without an endpoint. EMAS: the SDK maps every region to one host. mPaaS: every example of the mPaaS
 * documents uses `mpaas.cn-hangzhou.aliyuncs.com`, the region they describe; every mPaaS SDK version (2020-10-28
 * included, mpaas-20201028/src/client.ts) maps every region, cn-hangzhou too, to `mpaas.aliyuncs.com`, and no
 * document confirms a `mpaas.<region>.aliyuncs.com` for another region. So cn-hangzhou keeps the documented host and
 * any other region takes the SDK's; `endpoint` in the config overrides both.
 */
export function alibabaCloudHosts(region: string): { emas: string; mpaas: string } {
  return { emas: "cloudpush.aliyuncs.com", mpaas: region === DEFAULT_REGION ? "mpaas.cn-hangzhou.aliyuncs.com" : "mpaas.aliyuncs.com" };
}

export function createProviders(options: ProviderOptions = {}): ProviderRegistry {
  const region = options.region ?? DEFAULT_REGION;
  const hosts = alibabaCloudHosts(region);
  const common = {
    regionId: region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const at = (fallbackHost: string): Pick<OpenApiOptions, "endpoint" | "protocol"> => {
    if (!options.endpoint) return { endpoint: fallbackHost, protocol: "https" };
    const url = new URL(options.endpoint.includes("://") ? options.endpoint : `http://${options.endpoint}`);
    return { endpoint: url.host, protocol: url.protocol === "https:" ? "https" : "http" };
  };
  return {
    emas: new EmasProvider(new OpenApiCaller("emas", { ...common, ...at(hosts.emas) })),
    mpaas: new MpaasProvider(new OpenApiCaller("mpaas", { ...common, ...at(hosts.mpaas) })),
  };
}
