import { error, pointerOf, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import { audienceKeys } from "../../../model/audience.js";
import type { Campaign } from "../../../model/campaign.js";
import { PROVIDER_NAMES, type ProviderName } from "../../../model/task.js";
import type { Rule } from "../rule.js";

const targets = (provider: ProviderName) => audienceKeys(provider).map((key) => ["target", key]);

/** Paths only one provider can express. A field the target cannot express is an error, never dropped. */
const ONLY: Record<ProviderName, string[][]> = {
  emas: [
    ["message"],
    ["continuous"],
    ["options"],
    ["notification", "ios"],
    ["notification", "android"],
    ["notification", "hmos"],
    ["target", "platform"],
    ...targets("emas"),
    ["sms", "delaySecs"],
    ["sms", "params"],
    ["sms", "sendPolicy"],
    ["sms", "signName"],
    ["sms", "templateName"],
  ],
  mpaas: [
    ["notification", "mpaas"],
    ...targets("mpaas"),
    ["sms", "smsStrategy"],
    ["sms", "smsSignName"],
    ["sms", "smsTemplateCode"],
    ["sms", "smsTemplateParam"],
  ],
};

/** ONLY, grouped by the top-level key each path starts with (in ONLY's order). */
const BY_TOP = Object.fromEntries(
  PROVIDER_NAMES.map((provider) => {
    const groups = new Map<string, string[][]>();
    for (const path of ONLY[provider]) groups.set(path[0]!, [...(groups.get(path[0]!) ?? []), path]);
    return [provider, [...groups]];
  }),
) as Record<ProviderName, Array<[string, string[][]]>>;

const LABEL: Record<ProviderName, string> = { emas: "EMAS Mobile Push", mpaas: "mPaaS Message Push" };

/** The same idea under the other provider's name, for the hint. */
const COUNTERPART: Record<string, string> = { "sms.signName": "sms.smsSignName", "sms.smsSignName": "sms.signName" };

function has(campaign: Campaign, path: string[]): boolean {
  let value: unknown = campaign;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value !== undefined;
}

export const rule: Rule = {
  code: "field-not-supported",
  check({ campaign, app }) {
    const other = PROVIDER_NAMES.find((p) => p !== app.provider)!;
    const found: Diagnostic[] = [];
    for (const [top, paths] of BY_TOP[other]) {
      // Most campaigns have no sms and a few notification blocks: a key the campaign lacks rules out its paths.
      if ((campaign as unknown as Record<string, unknown>)[top] === undefined) continue;
      for (const path of paths) {
        if (!has(campaign, path)) continue;
        found.push(
          error(this.code, `${path.join(".")} is a field of ${LABEL[other]}; app "${app.name}" uses ${LABEL[app.provider]}, which cannot express it`, {
            pointer: pointerOf(...path),
            hint: COUNTERPART[path.join(".")]
              ? `${LABEL[app.provider]} calls it ${COUNTERPART[path.join(".")]}`
              : `remove ${path.join(".")}, or point the campaign at an app with provider "${other}"`,
          }),
        );
      }
    }
    return found;
  },
};
