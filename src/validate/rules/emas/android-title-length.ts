import type { Rule } from "../rule.js";
import { titleCheck } from "./title-limits.js";

export const rule: Rule = {
  code: "android-title-length",
  provider: "emas",
  check({ campaign }) {
    return titleCheck(this.code, "android", campaign);
  },
};
