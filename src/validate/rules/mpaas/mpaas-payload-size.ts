import { error } from "../../../diagnostics/diagnostic.js";
import { utf8Bytes, type Rule } from "../rule.js";

/**
 * What one notification may carry to a device. mPaaS, "Message content restrictions" (推送消息内容限制, Message
 * Push Service, help.aliyun.com document 311229): "For the pushes through Android push channel (no matter vendor
 * channels or MPS self-built channel), the size of the pushed message cannot exceed 2 KB", and "iOS 通道推送的总消息体
 * 大小限制为 2KB". Counted here as the UTF-8 JSON of title, body and extendedParams, which the delivered payload
 * only adds to, so a campaign over it is refused by every channel.
 */
const MPAAS_PAYLOAD_MAX_BYTES = 2048;

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
      error(
        this.code,
        `the notification is ${bytes.toLocaleString("en")} UTF-8 bytes as JSON (title, body, extendedParams); the channels mPaaS delivers through take at most ${MPAAS_PAYLOAD_MAX_BYTES.toLocaleString("en")} (mPaaS: 2 KB on the Android and iOS channels)`,
        {
          pointer: `/notification/${field}`,
          hint: `shorten it by ${(bytes - MPAAS_PAYLOAD_MAX_BYTES).toLocaleString("en")} bytes (a Chinese character takes 3); send long content as a link (mpaas.uri)`,
        },
      ),
    ];
  },
};
