import { warning, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import { emasPlatforms, type Rule } from "../rule.js";

const BLOCKS = ["ios", "android", "hmos"] as const;

/**
 * A platform block for a platform the campaign does not target reaches no device. Each EMAS task carries only its
 * own platform's block (src/compile/emas/compile.ts), so the block is left out; this says so.
 */
export const rule: Rule = {
  code: "platform-block-unused",
  provider: "emas",
  check({ campaign }) {
    const targeted = emasPlatforms(campaign);
    const found: Diagnostic[] = [];
    for (const block of BLOCKS) {
      if (campaign.notification?.[block] === undefined || targeted.includes(block)) continue;
      found.push(
        warning(this.code, `notification.${block} has no effect: the campaign targets ${targeted.join(", ")} only, so it is not sent`, {
          pointer: `/notification/${block}`,
          hint: `remove notification.${block}, or target platform: all`,
        }),
      );
    }
    return found;
  },
};
