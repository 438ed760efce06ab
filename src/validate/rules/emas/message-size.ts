import { error } from "../../../diagnostics/diagnostic.js";
import { emasMessage } from "../../../providers/emas/message.js";
import { utf8Bytes, type Rule } from "../rule.js";

/** EMAS seed, "Length limits": the entire Message at most 4000 bytes, UTF-8. */
const MESSAGE_MAX_BYTES = 4000;

export const rule: Rule = {
  code: "message-size",
  provider: "emas",
  check({ campaign }) {
    if (!campaign.message) return [];
    const bytes = utf8Bytes(JSON.stringify(emasMessage(campaign.message)));
    if (bytes <= MESSAGE_MAX_BYTES) return [];
    return [
      error(this.code, `the pass-through message is ${bytes} UTF-8 bytes as JSON; the limit is ${MESSAGE_MAX_BYTES}`, {
        pointer: "/message",
        hint: `shrink message.title/body by ${bytes - MESSAGE_MAX_BYTES} bytes (Chinese characters take 3 bytes each)`,
      }),
    ];
  },
};
