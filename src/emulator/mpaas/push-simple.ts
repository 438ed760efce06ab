/** PushSimple (api-facts §3.3, §3.4, the mPaaS seed). */
import { randomBytes } from "node:crypto";
import type { Shape } from "../json-shape.js";
import type { MpaasLoop, MpaasRecord, Store } from "../store.js";
import { BusinessError, need, parseJsonObject } from "./params.js";
import { DAY_MS, dayStart, pending } from "./strategy.js";

/** mPaaS seed: at most 100 unexecuted scheduled or loop tasks per app; loops end at most 180 days ahead. */
const PENDING_LIMIT = 100;
const LOOP_MAX_DAYS = 180;
const MAX_TARGETS = 10;
/** StrategyContent keys the emulator reads, typed as the seed's table types them (long, int, int[], String). */
const FIXED: Shape = { fixedTime: "integer" };
const LOOP: Shape = { startTime: "integer", endTime: "integer", circleType: "integer", circleValue: "integer[]", time: "string" };

export function pushSimple(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  need(params, "TaskName", "3019");
  const title = need(params, "Title", "3024");
  const content = need(params, "Content", "3024");
  const deliveryType = Number(need(params, "DeliveryType", "3009"));
  if (![1, 2, 3, 5, 6, 7].includes(deliveryType)) throw new BusinessError("3009", `DeliveryType ${deliveryType} is not supported`);
  const targets = parseJsonObject<Record<string, string>>(need(params, "TargetMsgkey", "3021"), "TargetMsgkey");
  const keys = Object.values(targets);
  if (keys.length === 0) throw new BusinessError("3021", "TargetMsgkey names no target");
  if (keys.length > MAX_TARGETS) throw new BusinessError("3029", `at most ${MAX_TARGETS} targets per push`);
  if (!(Number(params.ExpiredSeconds) > 0)) throw new BusinessError("3020", "ExpiredSeconds must be a positive number");
  if (params.SmsStrategy && params.SmsStrategy !== "0" && !(params.SmsSignName && params.SmsTemplateCode && params.SmsTemplateParam)) {
    throw new BusinessError("3028", "SmsStrategy needs SmsSignName, SmsTemplateCode and SmsTemplateParam");
  }
  const scope = `${appId}/${workspaceId}`;
  // Emulator choice (no documented code): a reused message key is refused, so a retry cannot send twice.
  for (const key of keys) if (store.hasMsgkey(scope, key)) throw new BusinessError("3028", `duplicate msgkey: ${key}`);

  const strategyType = Number(params.StrategyType ?? 0) as 0 | 1 | 2;
  const record: MpaasRecord = { id: "", appId, workspaceId, strategyType, cancelledAt: null, title, content, deliveryType, createdAt: now };
  if (strategyType === 1) {
    const fixedTime = parseJsonObject<{ fixedTime?: number }>(need(params, "StrategyContent", "3028"), "StrategyContent", FIXED).fixedTime;
    if (typeof fixedTime !== "number") throw new BusinessError("3028", "StrategyContent.fixedTime is required for StrategyType 1");
    if (fixedTime <= now) throw new BusinessError("3028", "fixedTime is in the past");
    record.fixedTime = fixedTime;
  } else if (strategyType === 2) {
    const loop = parseJsonObject<Partial<MpaasLoop>>(need(params, "StrategyContent", "3028"), "StrategyContent", LOOP);
    if (typeof loop.startTime !== "number" || typeof loop.endTime !== "number" || ![1, 2, 3].includes(loop.circleType ?? 0) || !/^\d{2}:\d{2}:\d{2}$/.test(loop.time ?? "")) {
      throw new BusinessError("3028", "a loop needs startTime, endTime, circleType and time (HH:mm:ss)");
    }
    if (loop.circleType !== 1 && !loop.circleValue?.length) throw new BusinessError("3028", "a weekly or monthly loop needs circleValue");
    const today = dayStart(now);
    if (loop.startTime < today || loop.endTime < today) throw new BusinessError("3028", "startTime and endTime must not be before today");
    if (loop.endTime < loop.startTime) throw new BusinessError("3028", "endTime is before startTime");
    if (dayStart(loop.endTime) > today + LOOP_MAX_DAYS * DAY_MS) throw new BusinessError("3028", `endTime is more than ${LOOP_MAX_DAYS} days after today`);
    record.loop = loop as MpaasLoop;
  } else if (strategyType !== 0) {
    throw new BusinessError("3028", `StrategyType ${strategyType} is not supported`);
  }
  if (strategyType !== 0) {
    const waiting = store.data.mpaas.filter((r) => r.appId === appId && r.workspaceId === workspaceId && pending(r, now)).length;
    if (waiting >= PENDING_LIMIT) throw new BusinessError("3028", `at most ${PENDING_LIMIT} unexecuted scheduled or loop tasks per app`);
    record.id = randomBytes(16).toString("hex");
  }
  store.addMsgkeys(scope, keys);
  store.data.mpaas.push(record);
  return { PushResult: { Success: true, ResultMsg: "", Data: record.id } };
}
