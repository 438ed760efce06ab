/**
 * A campaign from what QueryPushSchedulerList shows of a fixed-time task (`push import`, issue 14). The listing
 * shows the title, content, push method, delivery type, strategy and time (api-facts §3.8), and nothing else: the
 * user or device ids come from the user (`--audience`); a loop shows its runs but not its rule, and template,
 * batch and broadcast pushes are not PushSimple, so no campaign is written for them.
 */
import { formatZoned } from "../../lib/time/instant.js";
import { type Draft, type DraftContext, GIVE_AUDIENCE, type Shown, WRITE_BY_HAND } from "../../model/remote.js";

/** DeliveryType -> the campaign's audience key (model/campaign.ts Target). */
const AUDIENCE_KEYS: Record<number, string> = { 1: "androidDevices", 2: "iosDevices", 3: "users", 7: "hmosDevices" };
const METHODS: Record<number, string> = { 1: "template", 2: "batch", 3: "broadcast" };

/** What no scheduler row shows, so an imported campaign leaves it out. */
const UNSEEN = ["TaskName", "ExpiredSeconds", "the message keys of TargetMsgkey", "PushStyle, ExtendedParams, ImageUrls, IconUrls, Uri", "the SMS fallback"];

export function mpaasDraft(shown: Extract<Shown, { provider: "mpaas" }>, sendAt: string | null, context: DraftContext): Draft {
  if (shown.type !== 0)
    return { cannot: `a ${METHODS[shown.type] ?? `Type ${shown.type}`} push: push writes PushSimple campaigns only`, hint: "leave it to the console" };
  if (shown.strategyType === 2)
    return { cannot: `a loop: the listing shows ${shown.runs} run(s), not its rule (circleType, circleValue, its days)`, hint: WRITE_BY_HAND };
  if (shown.strategyType !== 1 || sendAt === null) return { cannot: "not a fixed-time task (StrategyType 1)", hint: WRITE_BY_HAND };
  const audienceKey = AUDIENCE_KEYS[shown.deliveryType];
  if (!audienceKey) return { cannot: `DeliveryType ${shown.deliveryType}: no campaign audience is written that way`, hint: WRITE_BY_HAND };
  if (!context.audience)
    return {
      cannot: `the listing does not show who it reaches (the ${audienceKey} of TargetMsgkey)`,
      hint: GIVE_AUDIENCE,
    };
  return {
    fields: {
      target: { [audienceKey]: context.audience },
      notification: { title: shown.title ?? "", body: shown.content ?? "" },
      schedule: { at: formatZoned(Date.parse(sendAt), context.zone) },
    },
    audienceKey,
    unseen: UNSEEN,
  };
}
