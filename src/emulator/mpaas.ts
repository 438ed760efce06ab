/** mPaaS Message Push actions (API 2020-10-28) with their documented rules (api-facts.md §3, the mPaaS seed). */
import { randomBytes } from "node:crypto";
import { ApiError } from "./wire.js";
import type { MpaasLoop, MpaasRecord, Store } from "./store.js";

const DAY = 86_400_000;
/** The provider's zone for loop days and times: Beijing time, UTC+8 without daylight saving (api-facts §3.4). */
const ZONE_OFFSET_MS = 8 * 3_600_000;
/** mPaaS seed: at most 100 unexecuted scheduled or loop tasks per app; loops end at most 180 days ahead. */
const PENDING_LIMIT = 100;
const LOOP_MAX_DAYS = 180;
const MAX_TARGETS = 10;

/** A business failure: HTTP 200 with a result code (api-facts §3.2). */
export class BusinessError extends Error {
  constructor(
    readonly resultCode: string,
    message: string,
  ) {
    super(message);
  }
}

const dayStart = (ms: number) => Math.floor((ms + ZONE_OFFSET_MS) / DAY) * DAY - ZONE_OFFSET_MS;

/** The runs of a loop: `time` (Beijing) on each day from startTime's to endTime's that matches the circle. */
export function loopRuns(loop: MpaasLoop): number[] {
  const [h, m, s] = loop.time.split(":").map(Number) as [number, number, number];
  const runs: number[] = [];
  for (let day = dayStart(loop.startTime); day <= dayStart(loop.endTime); day += DAY) {
    const local = new Date(day + ZONE_OFFSET_MS);
    const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
    const matches = loop.circleType === 1 || (loop.circleType === 2 && loop.circleValue?.includes(weekday)) || (loop.circleType === 3 && loop.circleValue?.includes(local.getUTCDate()));
    if (matches) runs.push(day + ((h * 60 + m) * 60 + s) * 1000);
  }
  return runs;
}

export function runsOf(record: MpaasRecord): number[] {
  const all = record.loop ? loopRuns(record.loop) : record.fixedTime !== undefined ? [record.fixedTime] : [];
  return record.cancelledAt === null ? all : all.filter((t) => t <= record.cancelledAt!);
}

function pending(record: MpaasRecord, now: number): boolean {
  return runsOf(record).some((t) => t > now);
}

function need(params: Record<string, string>, name: string, code: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw new BusinessError(code, `${name} is required`);
  return value;
}

function parseJson<T>(text: string, name: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BusinessError("3028", `${name} is not valid JSON`);
  }
}

function pushSimple(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  need(params, "TaskName", "3019");
  const title = need(params, "Title", "3024");
  const content = need(params, "Content", "3024");
  const deliveryType = Number(need(params, "DeliveryType", "3009"));
  if (![1, 2, 3, 5, 6, 7].includes(deliveryType)) throw new BusinessError("3009", `DeliveryType ${deliveryType} is not supported`);
  const targets = parseJson<Record<string, string>>(need(params, "TargetMsgkey", "3021"), "TargetMsgkey");
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
    const fixedTime = parseJson<{ fixedTime?: number }>(need(params, "StrategyContent", "3028"), "StrategyContent").fixedTime;
    if (typeof fixedTime !== "number") throw new BusinessError("3028", "StrategyContent.fixedTime is required for StrategyType 1");
    if (fixedTime <= now) throw new BusinessError("3028", "fixedTime is in the past");
    record.fixedTime = fixedTime;
  } else if (strategyType === 2) {
    const loop = parseJson<Partial<MpaasLoop>>(need(params, "StrategyContent", "3028"), "StrategyContent");
    if (typeof loop.startTime !== "number" || typeof loop.endTime !== "number" || ![1, 2, 3].includes(loop.circleType ?? 0) || !/^\d{2}:\d{2}:\d{2}$/.test(loop.time ?? "")) {
      throw new BusinessError("3028", "a loop needs startTime, endTime, circleType and time (HH:mm:ss)");
    }
    if (loop.circleType !== 1 && !loop.circleValue?.length) throw new BusinessError("3028", "a weekly or monthly loop needs circleValue");
    const today = dayStart(now);
    if (loop.startTime < today || loop.endTime < today) throw new BusinessError("3028", "startTime and endTime must not be before today");
    if (loop.endTime < loop.startTime) throw new BusinessError("3028", "endTime is before startTime");
    if (dayStart(loop.endTime) > today + LOOP_MAX_DAYS * DAY) throw new BusinessError("3028", `endTime is more than ${LOOP_MAX_DAYS} days after today`);
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

function schedulerList(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  const start = Number(need(params, "StartTime", "3028"));
  const end = Number(need(params, "EndTime", "3028"));
  const page = Math.max(Number(params.PageNumber ?? 1), 1);
  const size = Math.max(Number(params.PageSize ?? 500), 1);
  const rows = store.data.mpaas
    .filter((r) => r.appId === appId && r.workspaceId === workspaceId && r.strategyType !== 0)
    .flatMap((r) =>
      runsOf(r)
        .filter((t) => t >= start && t <= end)
        .map((t) => ({
          UniqueId: r.loop ? `${r.id}-${t}` : r.id,
          ParentId: r.id,
          PushTime: t,
          PushTitle: r.title,
          PushContent: r.content,
          Type: 0,
          DeliveryType: r.deliveryType,
          StrategyType: r.strategyType,
          ExecutedStatus: t <= now ? "1" : "0",
          CreateType: 0,
          GmtCreate: r.createdAt,
        })),
    )
    .sort((a, b) => a.PushTime - b.PushTime || (a.UniqueId < b.UniqueId ? -1 : 1));
  return { ResultContent: { Data: { TotalCount: rows.length, List: rows.slice((page - 1) * size, page * size) } } };
}

function cancel(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  const ids = need(params, "UniqueIds", "3028").split(",").map((s) => s.trim());
  for (const id of ids) {
    const record = store.data.mpaas.find((r) => r.appId === appId && r.workspaceId === workspaceId && r.id === id && r.id !== "");
    if (!record) throw new BusinessError("3028", `no scheduled task ${id}`);
    if (record.cancelledAt !== null || !pending(record, now)) throw new BusinessError("3028", `task ${id} has no pending run`);
  }
  for (const id of ids) store.data.mpaas.find((r) => r.id === id)!.cancelledAt = now;
  return { ResultContent: "success" };
}

export function mpaasAction(store: Store, action: string, params: Record<string, string>, now: number): object {
  try {
    const result =
      action === "PushSimple" ? pushSimple(store, params, now) : action === "QueryPushSchedulerList" ? schedulerList(store, params, now) : action === "CancelPushScheduler" ? cancel(store, params, now) : null;
    if (!result) throw new ApiError(404, "InvalidApi.NotFound", `Specified api ${action} is not found.`);
    return { ResultCode: "OK", ResultMessage: "", ...result };
  } catch (e) {
    if (!(e instanceof BusinessError)) throw e;
    return { ResultCode: e.resultCode, ResultMessage: e.message, PushResult: { Success: false, ResultMsg: e.message, Data: "" } };
  }
}
