/**
 * Compiled provider tasks: what `push compile` prints and what plan and apply act on. `request` holds the API's
 * parameters under their API names, as the seeds show them; the provider client encodes them for the wire.
 */
import type { JsonObject } from "./campaign.js";

/** Every provider push sends to: registries keyed by provider list each of them. */
export const PROVIDER_NAMES = ["emas", "mpaas"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** EMAS `PushTask` object (PascalCase keys, as in the seed). Open-ended: vendor fields nest below. */
export interface PushTask {
  Action?: "PUSH_IMMEDIATELY" | "SCHEDULED_PUSH" | "CREATE_CONTINUOUS_PUSH" | "CONTINUOUS_PUSH";
  Target?: { Type: "DEVICE" | "ACCOUNT" | "ALIAS" | "TAG" | "ALL"; Value?: string; Platform?: "IOS" | "ANDROID" | "HMOS" };
  Message?: { Title?: string; Body: string };
  Notification?: { Title?: string; Body?: string; Ios?: JsonObject; Android?: JsonObject; Hmos?: JsonObject };
  /**
   * `MessageId` (CONTINUOUS_PUSH only) is a digit string in push: EMAS ids exceed 2^53. The client writes it
   * into the JSON text as a bare number without passing through a JavaScript number. A compiled
   * CONTINUOUS_PUSH task has no MessageId: apply fills it from the task it `dependsOn`.
   */
  Options?: { PushTime?: string; ExpireTime?: string; JobKey?: string; MessageId?: string; Trim?: boolean; UseChannels?: string; Sms?: JsonObject };
}

interface PushV2Request {
  AppKey: number;
  /** Canonical UUID, deterministic per (task key, content hash). */
  IdempotentToken: string;
  PushTask: PushTask;
}

/** mPaaS `StrategyContent` of a fixed-time task (StrategyType 1): the send instant, epoch milliseconds. */
export interface FixedStrategyContent {
  fixedTime: number;
}

/** mPaaS `StrategyContent` of a loop (StrategyType 2): days and time in the provider's zone. */
export interface LoopStrategyContent {
  /** 00:00 of the first day, epoch milliseconds. */
  startTime: number;
  /** 00:00 of the last day, epoch milliseconds. */
  endTime: number;
  /** 1 daily, 2 weekly, 3 monthly. */
  circleType: 1 | 2 | 3;
  /** Weekly: 1..7 = Monday..Sunday; monthly: 1..31; absent for daily. Ascending. */
  circleValue?: number[];
  /** `HH:mm:ss` in the provider's zone. */
  time: string;
}

/**
 * mPaaS `PushSimple` parameters (API version 2020-10-28). `StrategyContent` and `TargetMsgkey` are data here;
 * the provider's JSON text is made from them where the request is encoded (src/providers/mpaas/wire.ts).
 */
export interface PushSimpleRequest {
  AppId: string;
  WorkspaceId: string;
  TaskName: string;
  Title: string;
  Content: string;
  /** 1 Android device, 2 iOS device, 3 user id, 5 Live Activity token, 6 Live Activity id, 7 HarmonyOS device. */
  DeliveryType: 1 | 2 | 3 | 5 | 6 | 7;
  /** `{ "<target>": "<message key>" }`, at most 10 pairs; message keys are deterministic. */
  TargetMsgkey: Record<string, string>;
  ExpiredSeconds: number;
  PushStyle?: number;
  PushAction?: number;
  Uri?: string;
  Silent?: number;
  NotifyType?: string;
  Classification?: string;
  ExtendedParams?: string;
  ImageUrls?: string;
  IconUrls?: string;
  /** Maps: the client JSON-encodes them, as the SDK does. */
  ThirdChannelCategory?: Record<string, string>;
  NotifyLevel?: Record<string, string>;
  MiChannelId?: string;
  ActivityEvent?: string;
  /** Always a JSON string (an object would be flattened into dotted form keys by the runtime). */
  ActivityContentState?: string;
  DismissalDate?: number;
  SmsStrategy?: number;
  SmsSignName?: string;
  SmsTemplateCode?: string;
  SmsTemplateParam?: string;
  /** 0 immediate (omitted), 1 fixed time, 2 loop. */
  StrategyType?: 1 | 2;
  StrategyContent?: FixedStrategyContent | LoopStrategyContent;
}

interface TaskBase {
  /** Stable identity: campaign id, then occurrence / platform / segment / batch parts. */
  key: string;
  campaign: string;
  app: string;
  /** First send instant, ISO-8601 UTC (`2026-06-19T12:00:00Z`); null: sent when applied. */
  sendAt: string | null;
  /** Of one run of a loop sent as its own task (an EMAS loop, which the provider cannot hold): that run, ISO-8601 UTC. */
  occurrence?: string;
  /** A task that needs another's result names it (continuous push batches name their create task). */
  dependsOn?: string;
  /** The campaign's file, the line of its first key, and its YAML document within the file (0-based). */
  source: { file: string; line: number; document?: number };
  /** Content hash: sha256 of the canonical request without idempotency values, plus sendAt. */
  hash: string;
  /**
   * The campaign's `ttl` in seconds, when set. For an EMAS task sent when applied, apply recomputes
   * `Options.ExpireTime` from the moment it sends (the hash leaves that ExpireTime out).
   */
  ttlSeconds?: number;
}

export interface EmasTask extends TaskBase {
  provider: "emas";
  api: "PushV2";
  request: PushV2Request;
}

export interface MpaasTask extends TaskBase {
  provider: "mpaas";
  api: "PushSimple";
  request: PushSimpleRequest;
}

export type CompiledTask = EmasTask | MpaasTask;

/**
 * What compile reports instead of tasks for EMAS sends beyond the 7-day window: a loop's later occurrences, or a
 * one-off `at` (compile decides, so `push compile` and `push plan` agree on what is deferred).
 */
export interface DeferredOccurrences {
  campaign: string;
  /** A one-off `at` (count 1), shown with the deferred tasks rather than with the loops. */
  oneOff?: true;
  /** Occurrences after the window up to the schedule's `until`; null when the loop has no end. */
  count: number | null;
  /** The first of them, ISO-8601 UTC. */
  next: string | null;
}
