import { error } from "../../../diagnostics/diagnostic.js";
import { ttlSeconds } from "../../../lib/time/duration.js";
import type { Rule } from "../rule.js";

/** api-facts §2.3 Options.ExpireTime: retention at most 72 h, and more than 3 s after the push time. */
const EMAS_TTL_MAX_SECONDS = 72 * 3600;
const EMAS_TTL_MIN_SECONDS = 4;

export const rule: Rule = {
  code: "emas-ttl-limit",
  provider: "emas",
  check({ campaign }) {
    if (campaign.ttl === undefined) return [];
    const s = ttlSeconds(campaign.ttl);
    if (s >= EMAS_TTL_MIN_SECONDS && s <= EMAS_TTL_MAX_SECONDS) return [];
    return [
      error(this.code, `ttl is ${s} s; EMAS keeps messages between ${EMAS_TTL_MIN_SECONDS} s and ${EMAS_TTL_MAX_SECONDS} s (72h)`, {
        pointer: "/ttl",
        hint: s > EMAS_TTL_MAX_SECONDS ? "use at most ttl: 72h" : "use at least ttl: 4s (1 minute or more is advised)",
      }),
    ];
  },
};
