import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/**
 * api-facts §2.3 Options.Sms: SMS fallback reaches Android and HarmonyOS devices only, and DelaySecs is required
 * for it; an SMS goes out under a signature and a template, so those are needed too.
 */
const REQUIRED = ["delaySecs", "signName", "templateName"] as const;
const EMAS_FIELDS = [...REQUIRED, "params", "sendPolicy"] as const;

export const rule: Rule = {
  code: "emas-sms",
  provider: "emas",
  check({ campaign }) {
    const sms = campaign.sms;
    // Only mPaaS fields under sms: field-not-supported says what is wrong.
    if (!sms || !EMAS_FIELDS.some((key) => sms[key] !== undefined)) return [];
    const found: Diagnostic[] = [];
    if (campaign.target.platform === "ios") {
      found.push(
        error(this.code, "sms: EMAS sends SMS fallback to Android and HarmonyOS devices only, and the campaign targets ios", {
          pointer: "/sms",
          hint: "remove sms, or target platform: android, hmos or all",
        }),
      );
    }
    const missing = REQUIRED.filter((key) => sms[key] === undefined);
    if (missing.length) {
      found.push(
        error(this.code, `sms needs ${missing.map((k) => `sms.${k}`).join(", ")} for EMAS SMS fallback`, {
          pointer: "/sms",
          hint: 'e.g. sms: {delaySecs: 15, signName: MyShop, templateName: SMS_123456, params: "code=1"}',
        }),
      );
    }
    return found;
  },
};
