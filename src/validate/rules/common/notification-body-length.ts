import { error } from "../../../diagnostics/diagnostic.js";
import { chars, type Rule } from "../rule.js";

/** EMAS seed, "Length limits": notification body at most 200 characters. */
export const NOTIFICATION_BODY_MAX_CHARS = 200;

export const rule: Rule = {
  code: "notification-body-length",
  provider: "emas",
  check({ campaign }) {
    const body = campaign.notification?.body;
    if (body === undefined || chars(body) <= NOTIFICATION_BODY_MAX_CHARS) return [];
    return [
      error(this.code, `notification.body is ${chars(body)} characters; the limit is ${NOTIFICATION_BODY_MAX_CHARS} (UTF-16 code units, an emoji counts 2)`, {
        pointer: "/notification/body",
        hint: `shorten the body by ${chars(body) - NOTIFICATION_BODY_MAX_CHARS} characters`,
      }),
    ];
  },
};
