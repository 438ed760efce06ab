import type { Rule } from "../rule.js";
import { titleCheck } from "./title-limits.js";

export const rule: Rule = {
  code: "ios-title-bytes",
  provider: "emas",
  check({ campaign }) {
    return titleCheck(this.code, "ios", campaign);
  },
};
