import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/** EMAS seed, scenario 5: continuous push takes DEVICE, ACCOUNT and ALIAS targets only; each call sends at once. */
export const rule: Rule = {
  code: "emas-continuous-target",
  provider: "emas",
  check({ campaign }) {
    if (!campaign.continuous) return [];
    const found: Diagnostic[] = [];
    const t = campaign.target;
    if (t.tag !== undefined || t.all) {
      found.push(
        error(this.code, `continuous push takes devices, accounts or aliases, not ${t.tag !== undefined ? "a tag" : "all"}`, {
          pointer: "/continuous",
          hint: "list the devices/accounts/aliases, or remove continuous: true",
        }),
      );
    }
    if (campaign.schedule) {
      found.push(
        error(this.code, "continuous push sends each batch when it is applied; it cannot be scheduled", {
          pointer: "/schedule",
          hint: "remove schedule, or remove continuous: true",
        }),
      );
    }
    return found;
  },
};
