/** PushSimple (api-facts §3.3, §3.4, the mPaaS seed). */
import { randomBytes } from "node:crypto";
import type { MpaasRecord, Store } from "../store.js";
import { BusinessError, need, parseJsonObject } from "./params.js";
import { pending } from "./strategy.js";
import { parseStrategy, type Strategy } from "./strategy-content.js";

/** mPaaS seed: at most 100 unexecuted scheduled or loop tasks per app. */
const PENDING_LIMIT = 100;
/** mPaaS seed, targetMsgkey: at most 10 targets. */
const MAX_TARGETS = 10;
const STRATEGY_TYPE: Record<Strategy["kind"], MpaasRecord["strategyType"]> = { immediate: 0, fixed: 1, loop: 2 };

/**
 * TargetMsgkey: a JSON map of target id to business message id (the seed: "Push target in Map format", each value
 * "the business message ID, please keep it unique"). Returns the message ids.
 */
function messageKeys(text: string): string[] {
  const entries = Object.entries(parseJsonObject<Record<string, unknown>>(text, "TargetMsgkey"));
  if (entries.length === 0) throw new BusinessError("3021", "TargetMsgkey names no target");
  if (entries.length > MAX_TARGETS) throw new BusinessError("3029", `at most ${MAX_TARGETS} targets per push`);
  const keys: string[] = [];
  for (const [targetId, key] of entries) {
    if (targetId === "") throw new BusinessError("3021", "TargetMsgkey names an empty target");
    if (typeof key !== "string" || key === "") throw new BusinessError("3028", `TargetMsgkey: the message key of ${targetId} must be a non-empty string`);
    if (keys.includes(key)) throw new BusinessError("3028", `duplicate msgkey: ${key}`);
    keys.push(key);
  }
  return keys;
}

/**
 * The seed: smsTemplateParam is JSON, and smsStrategy other than 0 needs the three SMS fields. smsStrategy is an
 * int; which values beyond 0 exist is unconfirmed (api-facts §3.3), so any integer is taken.
 */
function checkSms(params: Record<string, string>): void {
  const strategy = params.SmsStrategy || "0";
  if (!/^\d+$/.test(strategy)) throw new BusinessError("3028", `SmsStrategy must be an integer, not ${strategy}`);
  if (strategy !== "0" && !(params.SmsSignName && params.SmsTemplateCode && params.SmsTemplateParam)) {
    throw new BusinessError("3028", "SmsStrategy needs SmsSignName, SmsTemplateCode and SmsTemplateParam");
  }
  if (params.SmsTemplateParam) parseJsonObject(params.SmsTemplateParam, "SmsTemplateParam");
}

export function pushSimple(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  need(params, "TaskName", "3019");
  const title = need(params, "Title", "3024");
  const content = need(params, "Content", "3024");
  const deliveryType = Number(need(params, "DeliveryType", "3009"));
  if (![1, 2, 3, 5, 6, 7].includes(deliveryType)) throw new BusinessError("3009", `DeliveryType ${deliveryType} is not supported`);
  const keys = messageKeys(need(params, "TargetMsgkey", "3021"));
  // api-facts §3.3: a Long; its maximum is unconfirmed (3026 EXPIREDTIME_TOO_LONG exists), so none is enforced.
  if (!/^\d+$/.test(params.ExpiredSeconds ?? "") || Number(params.ExpiredSeconds) === 0)
    throw new BusinessError("3020", "ExpiredSeconds must be a positive integer");
  checkSms(params);
  const scope = `${appId}/${workspaceId}`;
  // Emulator choice (no documented code): a reused message key is refused, so a retry cannot send twice.
  for (const key of keys) if (store.hasMsgkey(scope, key)) throw new BusinessError("3028", `duplicate msgkey: ${key}`);

  const strategy = parseStrategy(params, now);
  const strategyType = STRATEGY_TYPE[strategy.kind];
  const record: MpaasRecord = { id: "", appId, workspaceId, strategyType, cancelledAt: null, title, content, deliveryType, createdAt: now };
  if (strategy.kind === "fixed") record.fixedTime = strategy.fixedTime;
  if (strategy.kind === "loop") record.loop = strategy.loop;
  if (strategy.kind !== "immediate") {
    const waiting = store.data.mpaas.filter((r) => r.appId === appId && r.workspaceId === workspaceId && pending(r, now)).length;
    if (waiting >= PENDING_LIMIT) throw new BusinessError("3028", `at most ${PENDING_LIMIT} unexecuted scheduled or loop tasks per app`);
    record.id = randomBytes(16).toString("hex");
  }
  store.addMsgkeys(scope, keys);
  store.data.mpaas.push(record);
  return { PushResult: { Success: true, ResultMsg: "", Data: record.id } };
}
