import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { quoted } from "../../diagnostics/excerpt.js";
import type { CampaignSource } from "../../model/campaign.js";
import { PROVIDER_NAMES, type ProviderName } from "../../model/task.js";
import { rule as fieldNotSupported } from "./common/field-not-supported.js";
import { rule as notificationBodyLength } from "./common/notification-body-length.js";
import { rule as androidTitleLength } from "./emas/android-title-length.js";
import { rule as badgeConflict } from "./emas/badge-conflict.js";
import { rule as emasContinuousTarget } from "./emas/emas-continuous-target.js";
import { rule as emasSms } from "./emas/emas-sms.js";
import { rule as emasTtlLimit } from "./emas/emas-ttl-limit.js";
import { rule as hmosInboxContent } from "./emas/hmos-inbox-content.js";
import { rule as hmosTitleBytes } from "./emas/hmos-title-bytes.js";
import { rule as iosTitleBytes } from "./emas/ios-title-bytes.js";
import { rule as liveActivitySingleDevice } from "./emas/live-activity-single-device.js";
import { rule as messageSize } from "./emas/message-size.js";
import { rule as platformBlockUnused } from "./emas/platform-block-unused.js";
import { rule as mpaasLoopWindow } from "./mpaas/mpaas-loop-window.js";
import { rule as mpaasPayloadSize } from "./mpaas/mpaas-payload-size.js";
import { rule as mpaasSmsFields } from "./mpaas/mpaas-sms-fields.js";
import { rule as mpaasTitleContent } from "./mpaas/mpaas-title-content.js";
import type { Rule, RuleContext } from "./rule.js";

export type { RuleContext } from "./rule.js";

/** Every provider rule; the registry is the list. */
const RULES: readonly Rule[] = [
  fieldNotSupported,
  notificationBodyLength,
  messageSize,
  iosTitleBytes,
  androidTitleLength,
  hmosTitleBytes,
  emasContinuousTarget,
  emasTtlLimit,
  emasSms,
  badgeConflict,
  liveActivitySingleDevice,
  hmosInboxContent,
  platformBlockUnused,
  mpaasTitleContent,
  mpaasPayloadSize,
  mpaasSmsFields,
  mpaasLoopWindow,
];

const BY_PROVIDER = Object.fromEntries(
  PROVIDER_NAMES.map((provider) => [provider, RULES.filter((rule) => rule.provider === undefined || rule.provider === provider)]),
) as Record<ProviderName, Rule[]>;

function rulesFor(provider: ProviderName): readonly Rule[] {
  return BY_PROVIDER[provider];
}

/**
 * Runs a provider's rules over one campaign. A rule gets a schema-valid campaign and reports mistakes as
 * diagnostics, so one that throws is a bug: it is rethrown naming the rule and the campaign, never skipped.
 */
export function runRules(provider: ProviderName, ctx: RuleContext, source: CampaignSource): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const rule of rulesFor(provider)) {
    try {
      found.push(...rule.check(ctx));
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new Error(`rule ${rule.code} failed on campaign ${quoted(ctx.campaign.id)} (${source.file}:${source.line}): ${detail}`, { cause });
    }
  }
  return found;
}
