/**
 * Length and expiry limits of a PushTask (api-facts §2.3, §2.4). The error codes are the emulator's: the documented
 * table is cut off (§2.11), so they follow its `Invalid<Param>.<Reason>` pattern. Characters are UTF-16 code units,
 * as the providers' Java services count them (api-facts §4.9 leaves it open; the compiler counts the same way).
 */
import { ApiError, UTC_SECONDS } from "../wire.js";
import type { PushTaskBody } from "./task.js";

/** api-facts §2.3: the JSON of the whole Message at most 4,000 UTF-8 bytes. */
const MESSAGE_MAX_BYTES = 4000;
/** api-facts §2.3: notification titles, Android at most 50 characters, iOS and HarmonyOS at most 200 UTF-8 bytes. */
const ANDROID_TITLE_MAX_CHARS = 50;
const IOS_HMOS_TITLE_MAX_BYTES = 200;
/** api-facts §2.3: notification bodies at most 200 characters on every platform. */
const BODY_MAX_CHARS = 200;
/** api-facts §2.3, Options.ExpireTime: kept at most 72 hours, and more than 3 seconds after the push. */
const EXPIRY_MAX_MS = 72 * 3_600_000;
const EXPIRY_MIN_MS = 3_000;

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

export function checkContent(task: PushTaskBody): void {
  if (task.Message && utf8Bytes(JSON.stringify(task.Message)) > MESSAGE_MAX_BYTES) {
    throw new ApiError(
      400,
      "InvalidMessage.TooLong",
      `Message is ${utf8Bytes(JSON.stringify(task.Message))} UTF-8 bytes as JSON; at most ${MESSAGE_MAX_BYTES}.`,
    );
  }
  const title = task.Notification?.Title ?? "";
  const body = task.Notification?.Body ?? "";
  // Without a Platform (or with ALL) the push reaches every platform, so every platform's title limit applies.
  const platform = task.Target?.Platform ?? "ALL";
  if ((platform === "ANDROID" || platform === "ALL") && title.length > ANDROID_TITLE_MAX_CHARS) {
    throw new ApiError(400, "InvalidTitle.TooLong", `Notification.Title is ${title.length} characters; Android takes at most ${ANDROID_TITLE_MAX_CHARS}.`);
  }
  if (platform !== "ANDROID" && utf8Bytes(title) > IOS_HMOS_TITLE_MAX_BYTES) {
    throw new ApiError(
      400,
      "InvalidTitle.TooLong",
      `Notification.Title is ${utf8Bytes(title)} UTF-8 bytes; iOS and HarmonyOS take at most ${IOS_HMOS_TITLE_MAX_BYTES}.`,
    );
  }
  if (body.length > BODY_MAX_CHARS)
    throw new ApiError(400, "InvalidBody.TooLong", `Notification.Body is ${body.length} characters; at most ${BODY_MAX_CHARS}.`);
}

/**
 * Options.ExpireTime against the moment the push is sent (PushTime, or now). Whether the 72 hours count from now or
 * from PushTime is unconfirmed (api-facts §4.6); the emulator counts from the send, as the compiler does.
 */
export function checkExpiry(task: PushTaskBody, sendAt: number): void {
  const text = task.Options?.ExpireTime;
  if (text === undefined || text === null) return;
  if (!UTC_SECONDS.test(text)) throw new ApiError(400, "InvalidExpireTime.Format", "Options.ExpireTime must be yyyy-MM-ddTHH:mm:ssZ.");
  const expiry = Date.parse(text);
  if (expiry > sendAt + EXPIRY_MAX_MS) throw new ApiError(400, "InvalidExpireTime.TooLate", `ExpireTime ${text} is more than 72 hours after the push.`);
  if (expiry <= sendAt + EXPIRY_MIN_MS) throw new ApiError(400, "InvalidExpireTime.TooEarly", `ExpireTime ${text} is not more than 3 seconds after the push.`);
}
