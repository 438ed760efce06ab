/** The PushTask of PushV2 and MassPushV2 (api-facts §2.3, §2.4): parsed, checked, recorded. */
import { shapeMismatch, type Shape } from "../json-shape.js";
import type { EmasRecord, Store } from "../store.js";
import { ApiError, UTC_SECONDS } from "../wire.js";
import { checkContent, checkExpiry } from "./limits.js";
import { DAY_MS } from "./params.js";

/** api-facts §2.3: PushTime at most 7 days in the future. */
const SCHEDULE_WINDOW_MS = 7 * DAY_MS;
/** EMAS seed: at most 1,000 devices, accounts or aliases per request. */
const MAX_TARGETS = 1000;
/** api-facts §2.3: the targets named by id, the only ones CONTINUOUS_PUSH and MassPushV2 take. */
const ID_TARGETS = ["DEVICE", "ACCOUNT", "ALIAS"];
/** api-facts §2.4: a MassPushV2 task is PUSH_IMMEDIATELY (the default) or SCHEDULED_PUSH. */
const MASS_PUSH_ACTIONS = ["PUSH_IMMEDIATELY", "SCHEDULED_PUSH"];
/** api-facts §2.4: a MassPushV2 holds at most 100 tasks (documented for MassPush, assumed for V2). */
const MASS_PUSH_MAX_TASKS = 100;
/** api-facts §2.3: a Target.Type is one of these. */
const TARGET_TYPES = ["DEVICE", "ACCOUNT", "ALIAS", "TAG", "ALL"];

export interface PushTaskBody {
  Action?: string;
  Target?: { Type?: string; Value?: string; Platform?: string };
  Message?: { Title?: string; Body?: string };
  Notification?: { Title?: string; Body?: string };
  Options?: { PushTime?: string; ExpireTime?: string; MessageId?: string };
}

/** The PushTask fields the emulator reads, typed as the SDK's PushTask model types them (api-facts §2.3). */
const PUSH_TASK: Shape = {
  Action: "string",
  Target: { Type: "string", Value: "string", Platform: "string" },
  Message: { Title: "string", Body: "string" },
  Notification: { Title: "string", Body: "string" },
  // A digit string here: a bare MessageId is quoted before parsing.
  Options: { PushTime: "string", ExpireTime: "string", MessageId: "string" },
};

/** Parses PushTask JSON keeping a bare big `MessageId` exact: it exceeds 2^53, so it is quoted before parsing (§0.7). */
function parseJson(text: string, parameter: "PushTask" | "PushTasks"): unknown {
  try {
    return JSON.parse(text.replace(/("MessageId"\s*:\s*)(\d+)/g, '$1"$2"'));
  } catch {
    throw new ApiError(400, `Invalid${parameter}.Format`, `${parameter} is not valid JSON.`);
  }
}

function typed(value: unknown, parameter: "PushTask" | "PushTasks", path: string): PushTaskBody {
  const mismatch = shapeMismatch(value, PUSH_TASK, path);
  if (mismatch) throw new ApiError(400, `Invalid${parameter}.Format`, `${mismatch}.`);
  return value as PushTaskBody;
}

export function parsePushTask(text: string): PushTaskBody {
  return typed(parseJson(text, "PushTask"), "PushTask", "PushTask");
}

export function parsePushTasks(text: string): PushTaskBody[] {
  const tasks = parseJson(text, "PushTasks");
  if (!Array.isArray(tasks)) throw new ApiError(400, "InvalidPushTasks.Format", "PushTasks must be a JSON array.");
  if (tasks.length === 0 || tasks.length > MASS_PUSH_MAX_TASKS)
    throw new ApiError(400, "InvalidPushTasks.Size", `PushTasks holds 1 to ${MASS_PUSH_MAX_TASKS} tasks.`);
  return tasks.map((task, i) => typed(task, "PushTasks", `PushTasks[${i}]`));
}

/**
 * api-facts §2.4 restricts MassPushV2 tasks further (its tasks × targets ≤ 10,000 is documented for V1 MassPush
 * only, so the emulator does not enforce it).
 */
export function checkMassPushTask(task: PushTaskBody, index: number): void {
  const action = task.Action ?? "PUSH_IMMEDIATELY";
  if (!MASS_PUSH_ACTIONS.includes(action))
    throw new ApiError(400, "InvalidPushTasks.Action", `PushTasks[${index}]: MassPushV2 takes ${MASS_PUSH_ACTIONS.join(" or ")} tasks, not ${action}.`);
  const type = task.Target?.Type;
  if (type && !ID_TARGETS.includes(type))
    throw new ApiError(400, "InvalidPushTasks.Target", `PushTasks[${index}]: MassPushV2 targets ${ID_TARGETS.join(", ")}, not ${type}.`);
}

/** A task that passed every check, not yet given a MessageId. */
export type CheckedTask = Omit<EmasRecord, "messageId">;

/** Checks one task against the documented rules; records nothing, so a batch is checked whole before any is recorded. */
export function checkTask(store: Store, appKey: string, task: PushTaskBody, now: number): CheckedTask {
  const action = task.Action ?? "PUSH_IMMEDIATELY";
  let pushTime: number | null = now;
  if (action === "SCHEDULED_PUSH") {
    const text = task.Options?.PushTime;
    if (!text || !UTC_SECONDS.test(text))
      throw new ApiError(400, "InvalidPushTime.Format", "Options.PushTime must be yyyy-MM-ddTHH:mm:ssZ for SCHEDULED_PUSH.");
    pushTime = Date.parse(text);
    if (pushTime <= now) throw new ApiError(400, "InvalidPushTime.Past", `PushTime ${text} is in the past.`);
    if (pushTime > now + SCHEDULE_WINDOW_MS) throw new ApiError(400, "InvalidPushTime.TooLate", `PushTime ${text} is more than 7 days ahead.`);
  } else if (action === "CREATE_CONTINUOUS_PUSH") {
    pushTime = null;
  } else if (action === "CONTINUOUS_PUSH") {
    const stored = store.data.emas.find((r) => r.messageId === task.Options?.MessageId && r.appKey === appKey && r.action === "CREATE_CONTINUOUS_PUSH");
    if (!stored) throw new ApiError(400, "InvalidMessageId.NotFound", `no continuous message ${task.Options?.MessageId ?? "(none)"} for this AppKey.`);
    if (stored.createdAt < now - DAY_MS) throw new ApiError(400, "InvalidMessageId.Expired", "a continuous message lives 24 hours.");
    if (!ID_TARGETS.includes(task.Target?.Type ?? "")) throw new ApiError(400, "InvalidTarget.Type", "CONTINUOUS_PUSH targets DEVICE, ACCOUNT or ALIAS.");
  } else if (action !== "PUSH_IMMEDIATELY") {
    throw new ApiError(400, "InvalidAction.Format", `unknown Action ${action}.`);
  }
  if (action !== "CREATE_CONTINUOUS_PUSH") {
    const type = task.Target?.Type;
    if (!type) throw new ApiError(400, "MissingTarget", "PushTask.Target is mandatory for this action.");
    if (!TARGET_TYPES.includes(type)) throw new ApiError(400, "InvalidTarget.Type", `Target.Type is one of ${TARGET_TYPES.join(", ")}, not ${type}.`);
    if (ID_TARGETS.includes(type) && (task.Target?.Value ?? "").split(",").length > MAX_TARGETS) {
      throw new ApiError(400, "InvalidTargetValue.TooMany", `at most ${MAX_TARGETS} targets per request.`);
    }
  }
  checkContent(task);
  checkExpiry(task, pushTime ?? now);
  return {
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
}

export function recordTask(store: Store, task: CheckedTask): string {
  const record: EmasRecord = { messageId: store.nextMessageId(), ...task };
  store.data.emas.push(record);
  return record.messageId;
}
