import type { JsonObject, JsonValue, MessageSpec, NotificationSpec } from "../../model/campaign.js";
import type { PushTask } from "../../model/task.js";
import { jsonText, pascal } from "../../model/json.js";

/** Fields EMAS takes as JSON strings (api-facts §0.6); every other object nests as JSON. */
export const EMAS_JSON_TEXT_FIELDS: ReadonlySet<string> = new Set([
  "extParameters",
  "attributes",
  "contentState",
  "liveNotificationPayload",
  "focusParam",
  "focusPics",
  "templateParams",
  "deleteIntentData",
  "intelligentIntent",
  "privateTitleParameters",
  "privateContentParameters",
  "liveMessage",
  "liveViewPayload",
]);

/** camelCase campaign block -> PascalCase PushTask block, JSON-text fields encoded. */
function pascalBlock(block: object): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(block) as Array<[string, JsonValue | undefined]>) {
    if (value === undefined) continue;
    if (EMAS_JSON_TEXT_FIELDS.has(key)) out[pascal(key)] = jsonText(value as string | JsonObject);
    else if (value !== null && typeof value === "object" && !Array.isArray(value)) out[pascal(key)] = pascalBlock(value);
    else out[pascal(key)] = value;
  }
  return out;
}

export function emasMessage(message: MessageSpec): NonNullable<PushTask["Message"]> {
  return {
    ...(message.title !== undefined ? { Title: message.title } : {}),
    Body: typeof message.body === "string" ? message.body : JSON.stringify(message.body),
  };
}

export function emasNotification(notification: NotificationSpec): NonNullable<PushTask["Notification"]> {
  const out: NonNullable<PushTask["Notification"]> = {};
  if (notification.title !== undefined) out.Title = notification.title;
  if (notification.body !== undefined) out.Body = notification.body;
  if (notification.ios) out.Ios = pascalBlock(notification.ios);
  if (notification.android) out.Android = pascalBlock(notification.android);
  if (notification.hmos) out.Hmos = pascalBlock(notification.hmos);
  return out;
}
