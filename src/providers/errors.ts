import type { ProviderName } from "../model/task.js";

export type ProviderErrorKind =
  /** Throttling.* (HTTP 400 on EMAS), 429: retry with backoff. */
  | "throttled"
  /** 5xx, ServiceUnavailable, InternalError: retry with backoff. */
  | "server"
  /** No reply in time, or the connection dropped: the call may or may not have taken effect. */
  | "timeout"
  /** Any other refusal (bad parameter, signature, quota, a business ResultCode of mPaaS): do not retry. */
  | "client"
  /** mPaaS refused a message key it has seen (`duplicate msgkey`): an earlier attempt created the task. Not retried. */
  | "duplicate";

/** Our code for a call that never left: the Alibaba Cloud default credential chain found no credentials. */
export const NO_CREDENTIALS = "NoCredentials";
/** Our code for a reply that lacks what push needs, or holds it in a form no SDK model would read. */
export const MALFORMED_REPLY = "MalformedReply";

/** A provider call that failed. `retryable` is decided by the client from `kind`, never by the caller. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly provider: ProviderName,
    readonly action: string,
    readonly kind: ProviderErrorKind,
    readonly code: string,
    readonly providerMessage: string,
    readonly requestId: string | undefined,
    readonly httpStatus: number | undefined,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(`${provider} ${action} failed: ${code}: ${providerMessage}` + (requestId ? ` (request id ${requestId})` : "") + (hint ? `. ${hint}` : ""));
    this.name = "ProviderError";
    this.retryable = kind !== "client" && kind !== "duplicate";
  }
}
