import { error } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/** api-facts §2.3 Notification.Hmos: InboxContent is required when RenderStyle is MULTI_LINE. */
export const rule: Rule = {
  code: "hmos-inbox-content",
  provider: "emas",
  check({ campaign }) {
    const hmos = campaign.notification?.hmos;
    if (hmos?.renderStyle !== "MULTI_LINE" || hmos.inboxContent?.length) return [];
    return [
      error(this.code, "notification.hmos.renderStyle MULTI_LINE needs inboxContent (1 to 3 lines)", {
        pointer: "/notification/hmos/renderStyle",
        hint: "add inboxContent: [line 1, line 2]",
      }),
    ];
  },
};
