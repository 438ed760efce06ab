import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { Rule } from "../rule.js";

/** mPaaS seed, request parameters: title and content are required (result code 3024 PAYLOAD_NOT_ENOUGH). */
export const rule: Rule = {
  code: "mpaas-title-content",
  provider: "mpaas",
  check({ campaign }) {
    const found: Diagnostic[] = [];
    for (const field of ["title", "body"] as const) {
      if (campaign.notification?.[field]) continue;
      found.push(
        error(this.code, `mPaaS PushSimple needs notification.${field} (${field === "title" ? "Title" : "Content"})`, {
          pointer: campaign.notification ? "/notification" : "",
          hint: `add notification.${field}`,
        }),
      );
    }
    return found;
  },
};
