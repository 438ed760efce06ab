/**
 * The one interface plan/refresh/apply use to reach a provider (OpenTofu `providers/provider.go` style: a
 * request and a response type per method). Concrete clients live in `emas/` and `mpaas/`; the stages never
 * import them. Failures of the wire are thrown as `ProviderError` (see `errors.ts`), classified retryable or not.
 */
import type { AppRef } from "../model/app.js";
import type { RemoteTask } from "../model/remote.js";
import type { CompiledTask, ProviderName, PushTask } from "../model/task.js";

export interface SubmitRequest {
  task: CompiledTask;
  /** CONTINUOUS_PUSH: the MessageId of the CREATE_CONTINUOUS_PUSH task this one depends on (digit string). */
  continuousMessageId?: string;
}

interface SubmitResponse {
  /** EMAS MessageId (digit string); mPaaS scheduled task id (`PushResult.Data`), or null for an immediate push. */
  remoteId: string | null;
  requestId: string;
}

/** EMAS MassPushV2: up to 100 PushV2 tasks of one app key in one call. */
export interface SubmitBatchRequest {
  appKey: number;
  idempotentToken: string;
  tasks: PushTask[];
}

interface SubmitBatchResponse {
  /** One MessageId per task, in the order of `tasks`. */
  remoteIds: string[];
  requestId: string;
}

export interface CancelRequest {
  appRef: AppRef;
  remoteId: string;
}

interface CancelResponse {
  requestId: string;
}

export interface ListScheduledRequest {
  appRef: AppRef;
  /** Window of planned send times, ISO-8601 UTC. The client pages and splits the window as the API needs. */
  from: string;
  to: string;
}

interface ListScheduledResponse {
  tasks: RemoteTask[];
  /** API calls made (pages × windows), for the plan benchmark and the refresh summary. */
  calls: number;
}

export interface Provider {
  readonly name: ProviderName;
  submit(request: SubmitRequest): Promise<SubmitResponse>;
  /** Present where the API batches (EMAS MassPushV2). */
  submitBatch?(request: SubmitBatchRequest): Promise<SubmitBatchResponse>;
  cancel(request: CancelRequest): Promise<CancelResponse>;
  listScheduled(request: ListScheduledRequest): Promise<ListScheduledResponse>;
}

export type ProviderRegistry = Record<ProviderName, Provider>;
