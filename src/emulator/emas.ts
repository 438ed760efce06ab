/** EMAS Mobile Push actions (API 2016-08-01) with their documented rules (api-facts.md §2). */
import { ApiError } from "./wire.js";
import type { EmasRecord, Store } from "./store.js";

const DAY = 86_400_000;
/** api-facts §2.3: PushTime at most 7 days in the future. */
const SCHEDULE_WINDOW_MS = 7 * DAY;
/** api-facts §2.2: the same IdempotentToken within 15 minutes returns the first result. */
const IDEMPOTENCY_WINDOW_MS = 15 * 60_000;
/** EMAS seed: at most 1,000 devices, accounts or aliases per request. */
const MAX_TARGETS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUSH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface PushTaskBody {
  Action?: string;
  Target?: { Type?: string; Value?: string; Platform?: string };
  Message?: { Title?: string; Body?: string };
  Notification?: { Title?: string; Body?: string };
  Options?: { PushTime?: string; MessageId?: string };
}

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`);
  return value;
}

/** Parses PushTask JSON keeping a bare big `MessageId` exact: it exceeds 2^53, so it is quoted before parsing. */
export function parsePushTask(text: string): PushTaskBody {
  try {
    return JSON.parse(text.replace(/("MessageId"\s*:\s*)(\d+)/g, '$1"$2"')) as PushTaskBody;
  } catch {
    throw new ApiError(400, "InvalidPushTask.Format", "PushTask is not valid JSON.");
  }
}

export function status(record: EmasRecord, now: number): "SCHEDULED" | "SENT" | "CANCELLED" | "STORED" {
  if (record.cancelled) return "CANCELLED";
  if (record.pushTime === null) return "STORED";
  return record.pushTime <= now ? "SENT" : "SCHEDULED";
}

function push(store: Store, appKey: string, task: PushTaskBody, now: number): EmasRecord {
  const action = task.Action ?? "PUSH_IMMEDIATELY";
  let pushTime: number | null = now;
  if (action === "SCHEDULED_PUSH") {
    const text = task.Options?.PushTime;
    if (!text || !PUSH_TIME.test(text)) throw new ApiError(400, "InvalidPushTime.Format", "Options.PushTime must be yyyy-MM-ddTHH:mm:ssZ for SCHEDULED_PUSH.");
    pushTime = Date.parse(text);
    if (pushTime <= now) throw new ApiError(400, "InvalidPushTime.Past", `PushTime ${text} is in the past.`);
    if (pushTime > now + SCHEDULE_WINDOW_MS) throw new ApiError(400, "InvalidPushTime.TooLate", `PushTime ${text} is more than 7 days ahead.`);
  } else if (action === "CREATE_CONTINUOUS_PUSH") {
    pushTime = null;
  } else if (action === "CONTINUOUS_PUSH") {
    const stored = store.data.emas.find((r) => r.messageId === task.Options?.MessageId && r.appKey === appKey && r.action === "CREATE_CONTINUOUS_PUSH");
    if (!stored) throw new ApiError(400, "InvalidMessageId.NotFound", `no continuous message ${task.Options?.MessageId ?? "(none)"} for this AppKey.`);
    if (stored.createdAt < now - DAY) throw new ApiError(400, "InvalidMessageId.Expired", "a continuous message lives 24 hours.");
    if (!["DEVICE", "ACCOUNT", "ALIAS"].includes(task.Target?.Type ?? "")) throw new ApiError(400, "InvalidTarget.Type", "CONTINUOUS_PUSH targets DEVICE, ACCOUNT or ALIAS.");
  } else if (action !== "PUSH_IMMEDIATELY") {
    throw new ApiError(400, "InvalidAction.Format", `unknown Action ${action}.`);
  }
  if (action !== "CREATE_CONTINUOUS_PUSH") {
    const type = task.Target?.Type;
    if (!type) throw new ApiError(400, "MissingTarget", "PushTask.Target is mandatory for this action.");
    if (["DEVICE", "ACCOUNT", "ALIAS"].includes(type) && (task.Target?.Value ?? "").split(",").length > MAX_TARGETS) {
      throw new ApiError(400, "InvalidTargetValue.TooMany", `at most ${MAX_TARGETS} targets per request.`);
    }
  }
  const record: EmasRecord = {
    messageId: store.nextMessageId(),
    appKey,
    action,
    pushTime,
    cancelled: false,
    title: task.Notification?.Title ?? task.Message?.Title ?? "",
    body: task.Notification?.Body ?? task.Message?.Body ?? "",
    target: task.Target?.Type ?? "TBD",
    targets: task.Target?.Value ? task.Target.Value.split(",").length : 0,
    deviceType: task.Target?.Platform ?? "ALL",
    pushType: task.Notification ? "NOTICE" : "MESSAGE",
    createdAt: now,
  };
  store.data.emas.push(record);
  return record;
}

function withToken(store: Store, params: Record<string, string>, now: number, run: () => object): object {
  const token = params.IdempotentToken;
  if (token === undefined) return run();
  if (!UUID.test(token)) throw new ApiError(400, "InvalidIdempotentToken.Format", "IdempotentToken must be a UUID.");
  const seen = store.data.tokens[token.toLowerCase()];
  if (seen && seen.at > now - IDEMPOTENCY_WINDOW_MS) return JSON.parse(seen.result) as object;
  const result = run(); // a failure throws before the token is recorded: failures do not consume it
  store.data.tokens[token.toLowerCase()] = { result: JSON.stringify(result), at: now };
  return result;
}

export function emasAction(store: Store, action: string, params: Record<string, string>, now: number): object {
  switch (action) {
    case "PushV2": {
      const appKey = required(params, "AppKey");
      const task = parsePushTask(required(params, "PushTask"));
      return withToken(store, params, now, () => ({ MessageId: push(store, appKey, task, now).messageId }));
    }
    case "MassPushV2": {
      const appKey = required(params, "AppKey");
      let tasks: PushTaskBody[];
      try {
        tasks = JSON.parse(required(params, "PushTasks").replace(/("MessageId"\s*:\s*)(\d+)/g, '$1"$2"')) as PushTaskBody[];
      } catch {
        throw new ApiError(400, "InvalidPushTasks.Format", "PushTasks is not a JSON array.");
      }
      if (!Array.isArray(tasks) || tasks.length === 0 || tasks.length > 100) throw new ApiError(400, "InvalidPushTasks.Size", "PushTasks holds 1 to 100 tasks.");
      return withToken(store, params, now, () => ({ MessageIds: tasks.map((t) => push(store, appKey, t, now).messageId) }));
    }
    case "CancelPush": {
      const appKey = required(params, "AppKey");
      const messageId = required(params, "MessageId");
      const record = store.data.emas.find((r) => r.messageId === messageId && r.appKey === appKey);
      // Emulator choices (the real codes are unconfirmed): unknown id, and a task that is not pending.
      if (!record) throw new ApiError(400, "InvalidMessageId.NotFound", `no message ${messageId} for this AppKey.`);
      if (record.action !== "SCHEDULED_PUSH" || status(record, now) !== "SCHEDULED") throw new ApiError(400, "InvalidMessageId.NotScheduled", `message ${messageId} is ${status(record, now).toLowerCase()}, not a pending scheduled push.`);
      record.cancelled = true;
      return {};
    }
    case "QueryPushRecords": {
      const appKey = required(params, "AppKey");
      const start = Date.parse(required(params, "StartTime"));
      const end = Date.parse(required(params, "EndTime"));
      if (Number.isNaN(start) || Number.isNaN(end)) throw new ApiError(400, "InvalidTime.Format", "StartTime and EndTime are UTC ISO-8601.");
      if (end - start > 7 * DAY) throw new ApiError(400, "InvalidPeriod.ExceedDays", "the window is at most 7 days.");
      const page = Math.min(Math.max(Number(params.Page ?? 1), 1), 10_000);
      const size = Math.min(Math.max(Number(params.PageSize ?? 20), 1), 100);
      const list = store.data.emas
        .filter((r) => r.appKey === appKey && r.pushTime !== null && r.pushTime >= start && r.pushTime <= end)
        .filter((r) => !params.Keyword || r.messageId === params.Keyword || `${r.title} ${r.body}`.split(/\s+/).includes(params.Keyword))
        .filter((r) => !params.PushType || r.pushType === params.PushType)
        .sort((a, b) => a.pushTime! - b.pushTime! || (BigInt(a.messageId) < BigInt(b.messageId) ? -1 : 1));
      const pageItems = list.slice((page - 1) * size, page * size).map((r) => ({
        AppKey: Number(r.appKey),
        MessageId: r.messageId,
        Title: r.title,
        Body: r.body,
        DeviceType: r.deviceType,
        PushType: r.pushType,
        Source: "API",
        Target: r.target,
        PushTime: new Date(r.pushTime!).toISOString().replace(/\.\d{3}Z$/, "Z"),
        Status: status(r, now),
      }));
      return { Total: list.length, Page: page, PageSize: size, PushInfos: { PushInfo: pageItems } };
    }
    case "QueryPushStatByMsg": {
      const appKey = required(params, "AppKey");
      const messageId = required(params, "MessageId");
      const record = store.data.emas.find((r) => r.messageId === messageId && r.appKey === appKey);
      if (!record) throw new ApiError(400, "InvalidMessageId.NotFound", `no message ${messageId} for this AppKey.`);
      // The emulator delivers to no device: a sent push counts its targets as accepted and sent, nothing more.
      const sent = status(record, now) === "SENT" ? record.targets : 0;
      return {
        PushStats: {
          PushStat: [
            { MessageId: messageId, AcceptCount: sent, SentCount: sent, ReceivedCount: 0, OpenedCount: 0, DeletedCount: 0, SmsSentCount: 0, SmsSkipCount: 0, SmsFailedCount: 0, SmsReceiveSuccessCount: 0, SmsReceiveFailedCount: 0 },
          ],
        },
      };
    }
    default:
      throw new ApiError(404, "InvalidApi.NotFound", `Specified api ${action} is not found.`);
  }
}
