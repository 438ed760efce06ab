import type { Rule } from "../rule.js";
import { titleCheck } from "./title-limits.js";

export const rule: Rule = {
  code: "hmos-title-bytes",
  provider: "emas",
  check({ campaign }) {
    return titleCheck(this.code, "hmos", campaign);
  },
};
