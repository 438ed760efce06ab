import { error } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/** api-facts §2.3 Notification.Ios.LiveActivity: only to a single DEVICE. */
export const rule: Rule = {
  code: "live-activity-single-device",
  provider: "emas",
  check({ campaign }) {
    if (!campaign.notification?.ios?.liveActivity) return [];
    const devices = campaign.target.devices;
    if (devices?.length === 1 && !campaign.continuous) return [];
    return [
      error(this.code, "a Live Activity goes to a single device", {
        pointer: "/notification/ios/liveActivity",
        hint: "target exactly one device: target: { platform: ios, devices: [ID] }",
      }),
    ];
  },
};
