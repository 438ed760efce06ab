import { error } from "../../../diagnostics/diagnostic.js";
import { utf8Bytes, type Rule } from "../rule.js";

/**
 * What one notification may carry to a device. mPaaS hands Title, Content and ExtendedParams to the channel
 * that delivers it (its own channel, APNs for iOS, the Android vendor channels or FCM) and the mPaaS documents in
 * the seeds state no size of their own, so the binding limit is the smallest among the channels: FCM, 4,000
 * bytes ("The maximum payload for both message types is 4000 bytes", Firebase, About FCM messages); APNs,
 * 4,096 bytes ("the maximum size allowed for a notification payload is 4KB", Apple, Sending notification
 * requests to APNs); EMAS, the sister service, 4,000 bytes for a whole Message (EMAS seed, "Length limits").
 * Counted here as the UTF-8 JSON of those three fields, which the delivered payload only adds to.
 */
export const MPAAS_PAYLOAD_MAX_BYTES = 4000;

export const rule: Rule = {
  code: "mpaas-payload-size",
  provider: "mpaas",
  check({ campaign }) {
    const notification = campaign.notification;
    if (!notification) return [];
    const extended = notification.mpaas?.extendedParams;
    const payload = { title: notification.title ?? "", content: notification.body ?? "", ...(extended === undefined ? {} : { extendedParams: extended }) };
    const bytes = utf8Bytes(JSON.stringify(payload));
    if (bytes <= MPAAS_PAYLOAD_MAX_BYTES) return [];
    const biggest = (["body", "title"] as const).reduce((a, b) => (utf8Bytes(notification[a] ?? "") >= utf8Bytes(notification[b] ?? "") ? a : b));
    const field = extended !== undefined && utf8Bytes(JSON.stringify(extended)) > utf8Bytes(notification[biggest] ?? "") ? "mpaas/extendedParams" : biggest;
    return [
      error(this.code, `the notification is ${bytes.toLocaleString("en")} UTF-8 bytes as JSON (title, body, extendedParams); the channels mPaaS delivers through take at most ${MPAAS_PAYLOAD_MAX_BYTES.toLocaleString("en")} (FCM 4,000, APNs 4,096)`, {
        pointer: `/notification/${field}`,
        hint: `shorten it by ${(bytes - MPAAS_PAYLOAD_MAX_BYTES).toLocaleString("en")} bytes (a Chinese character takes 3); send long content as a link (mpaas.uri)`,
      }),
    ];
  },
};
