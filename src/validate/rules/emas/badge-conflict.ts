import { error } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/** api-facts §2.3 Notification.Ios: Badge must be absent when BadgeAutoIncrement is true. */
export const rule: Rule = {
  code: "badge-conflict",
  provider: "emas",
  check({ campaign }) {
    const ios = campaign.notification?.ios;
    if (!ios?.badgeAutoIncrement || ios.badge === undefined) return [];
    return [
      error(this.code, "notification.ios.badge is set together with badgeAutoIncrement: true", {
        pointer: "/notification/ios/badge",
        hint: "remove badge, or badgeAutoIncrement",
      }),
    ];
  },
};
