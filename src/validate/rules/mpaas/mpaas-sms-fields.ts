import { error } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/** mPaaS seed: when smsStrategy is not 0, smsSignName, smsTemplateCode and smsTemplateParam are required. */
export const rule: Rule = {
  code: "mpaas-sms-fields",
  provider: "mpaas",
  check({ campaign }) {
    const sms = campaign.sms;
    if (!sms?.smsStrategy) return [];
    const missing = (["smsSignName", "smsTemplateCode", "smsTemplateParam"] as const).filter((k) => sms[k] === undefined);
    if (missing.length === 0) return [];
    return [
      error(this.code, `sms.smsStrategy ${sms.smsStrategy} needs ${missing.map((k) => `sms.${k}`).join(", ")}`, {
        pointer: "/sms",
        hint: "add the SMS signature, template code and template parameters, or set sms.smsStrategy: 0",
      }),
    ];
  },
};
