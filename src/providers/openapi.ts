/**
 * One call of an Alibaba Cloud RPC API through `@alicloud/openapi-core`, the runtime the generated SDKs are built
 * on, with the parameters placed where the SDKs place them (api-facts.md §1.1): EMAS in the query string, mPaaS in
 * a form body. Failures become `ProviderError`s classified by the provider's code, not by the runtime's classes.
 */
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@darabonba/typescript";
import type { ProviderName } from "../model/task.js";
import { NO_CREDENTIALS, ProviderError, type ProviderErrorKind } from "./errors.js";
import { inModelOrder } from "./model-order.js";
import { Reply } from "./reply.js";

export interface OpenApiOptions {
  /** `host[:port]`. */
  endpoint: string;
  protocol: "https" | "http";
  regionId: string;
  /** An explicit key pair (the emulator); absent: the default credential chain of `@alicloud/credentials`. */
  credentials?: { accessKeyId: string; accessKeySecret: string };
  timeoutMs?: number;
}

type CallPlace = { query?: Record<string, string>; body?: Record<string, string> };

type ClientCtor = new (config: unknown) => { callApi(params: unknown, request: unknown, runtime: unknown): Promise<{ body: unknown; statusCode: number }> };

export class OpenApiCaller {
  private client: InstanceType<ClientCtor> | null = null;

  constructor(
    private readonly provider: ProviderName,
    private readonly options: OpenApiOptions,
  ) {}

  private async open(): Promise<InstanceType<ClientCtor>> {
    if (this.client) return this.client;
    const Client = ((OpenApi as unknown as { default?: ClientCtor }).default ?? OpenApi) as unknown as ClientCtor;
    const config = new $OpenApiUtil.Config({
      endpoint: this.options.endpoint,
      protocol: this.options.protocol,
      regionId: this.options.regionId,
      ...(this.options.credentials ?? {}),
      ...(this.options.credentials ? {} : { credential: await defaultCredential() }),
    });
    this.client = new Client(config);
    return this.client;
  }

  /**
   * Calls `action`; `query` parameters go in the URL, `body` parameters in a form body, each in the SDK's order so
   * that the URL, the body and its `x-acs-content-sha256` are the SDK's bytes.
   */
  async reply(action: string, version: string, place: CallPlace): Promise<Reply> {
    const client = await this.open();
    const params = new $OpenApiUtil.Params({
      action,
      version,
      protocol: this.options.protocol.toUpperCase(),
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    const request = new $OpenApiUtil.OpenApiRequest({
      ...(place.query ? { query: inModelOrder(place.query) } : {}),
      ...(place.body ? { body: inModelOrder(place.body) } : {}),
    });
    // Apply owns retries (with its journal); the runtime must not retry behind its back.
    const timeout = this.options.timeoutMs ?? 10_000;
    const runtime = new RuntimeOptions({ autoretry: false, maxAttempts: 1, readTimeout: timeout, connectTimeout: timeout });
    let body: unknown;
    try {
      body = (await client.callApi(params, request, runtime)).body;
    } catch (cause) {
      throw this.classify(action, cause);
    }
    return Reply.of(this.provider, action, body);
  }

  /** The reply's body, checked to be a JSON object only. */
  async call(action: string, version: string, place: CallPlace): Promise<Record<string, unknown>> {
    return (await this.reply(action, version, place)).body;
  }

  private classify(action: string, cause: unknown): ProviderError {
    if (cause instanceof Error && CREDENTIAL_CHAIN_FAILED.test(cause.message)) {
      // The chain's message strings together every source it tried (files, the ECS metadata service, a credentials
      // URI of "undefined"): none of it helps, the hint does.
      return new ProviderError(
        this.provider,
        action,
        "client",
        NO_CREDENTIALS,
        "the Alibaba Cloud default credential chain found no key pair",
        undefined,
        undefined,
        HINTS[NO_CREDENTIALS],
      );
    }
    const e = (cause ?? {}) as { code?: string; message?: string; statusCode?: number; data?: Record<string, unknown>; name?: string; requestId?: string };
    const data = e.data ?? {};
    const status = e.statusCode ?? (typeof data.statusCode === "number" ? data.statusCode : undefined);
    const code = String(data.Code ?? e.code ?? e.name ?? "Unknown");
    const message = String(data.Message ?? e.message ?? cause);
    const requestId = (data.RequestId as string | undefined) ?? e.requestId;
    let kind: ProviderErrorKind;
    if (code.startsWith("Throttling") || status === 429) kind = "throttled";
    else if ((status !== undefined && status >= 500) || code === "ServiceUnavailable" || code === "InternalError" || cause instanceof SyntaxError)
      kind = "server";
    else if (status === undefined && /ECONNRESET|socket hang up|timeout|ETIMEDOUT|ECONNREFUSED|EPIPE/i.test(`${e.code ?? ""} ${message}`)) kind = "timeout";
    else kind = "client";
    return new ProviderError(
      this.provider,
      action,
      kind,
      code,
      transportMessage(message.replace(/\s+request id: .*$/, "")),
      requestId,
      status,
      HINTS[code] ?? KIND_HINTS[kind],
    );
  }
}

/**
 * The HTTP client appends `${method} ${url} failed.` to a socket error's message with no space between
 * (`connect ECONNREFUSED 127.0.0.1:4598POST http://…`): set the request apart, without its query string.
 */
export function transportMessage(message: string): string {
  const failed = /^(.*?)\s*(GET|POST|PUT|DELETE|HEAD|PATCH) (\S+) failed\.?$/s.exec(message);
  if (!failed) return message;
  const [, cause, method, url] = failed as unknown as [string, string, string, string];
  return `${cause.trim()} (${method} ${url.split("?")[0]})`;
}

/** How `@alicloud/credentials` (dist/src/providers/default.js) says that no source of its chain had a key pair. */
const CREDENTIAL_CHAIN_FAILED = /unable to get credentials from any of the providers in the chain/;

const HINTS: Record<string, string> = {
  [NO_CREDENTIALS]:
    "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or give a profile, RAM role or OIDC token of the Alibaba Cloud default credential chain",
  SignatureDoesNotMatch: "check ALIBABA_CLOUD_ACCESS_KEY_SECRET (and that the endpoint is the one the key belongs to)",
  "InvalidAccessKeyId.NotFound": "check ALIBABA_CLOUD_ACCESS_KEY_ID and the endpoint",
  "InvalidTimeStamp.Expired": "the machine's clock is more than 15 minutes off: sync it",
};
const KIND_HINTS: Record<ProviderErrorKind, string | undefined> = {
  throttled: "retried with backoff; lower rateLimit in the config if it persists",
  server: "a provider-side failure: retried with backoff",
  timeout: "no reply: the call may or may not have taken effect",
  client: undefined,
  duplicate: undefined,
};

/** The default credential chain: environment variables, ~/.alibabacloud profiles, RAM role, OIDC. */
async function defaultCredential(): Promise<unknown> {
  // A CommonJS package seen from ESM: the class is `default.default` (or `default` under other loaders).
  type Ctor = new () => unknown;
  const module = (await import("@alicloud/credentials")) as unknown as { default: Ctor | { default: Ctor } };
  const Credential = typeof module.default === "function" ? module.default : module.default.default;
  return new Credential();
}
