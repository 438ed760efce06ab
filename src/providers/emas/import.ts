/**
 * A campaign from what QueryPushRecords shows of a scheduled push (`push import`, issue 14). The listing shows
 * the title, body, target kind, platform, push type and time (api-facts §2.8), and nothing else: the ids of a
 * DEVICE, ACCOUNT or ALIAS target come from the user (`--audience`), and a tag expression, a continuous push or a
 * Live Activity cannot be read back, so no campaign is written for them.
 */
import { formatZoned } from "../../lib/time/instant.js";
import { type Draft, type DraftContext, GIVE_AUDIENCE, type Shown, WRITE_BY_HAND } from "../../model/remote.js";

const PLATFORMS: Record<string, string> = { IOS: "ios", ANDROID: "android", HMOS: "hmos", HARMONY: "hmos", ALL: "all" };
const AUDIENCE_KEYS: Record<string, string> = { DEVICE: "devices", ACCOUNT: "accounts", ALIAS: "aliases" };
const CONTENT: Record<string, string> = { NOTICE: "notification", MESSAGE: "message" };

/** What no PushInfo shows, so an imported campaign leaves it out. */
const UNSEEN = ["PushTask.Options (expiry, SMS fallback, and the rest)", "the platform options (iOS, Android, HarmonyOS)", "Notification extras"];

export function emasDraft(shown: Extract<Shown, { provider: "emas" }>, sendAt: string | null, context: DraftContext): Draft {
  const content = CONTENT[shown.pushType.toUpperCase()];
  if (!content) return { cannot: `a ${shown.pushType || "push of no type"}: the listing does not show what it carries`, hint: WRITE_BY_HAND };
  const platform = PLATFORMS[shown.deviceType.toUpperCase()];
  if (!platform) return { cannot: `its DeviceType ${JSON.stringify(shown.deviceType)} names no platform push knows`, hint: WRITE_BY_HAND };
  if (sendAt === null) return { cannot: "the listing gives it no send time", hint: WRITE_BY_HAND };
  const target = shown.target.toUpperCase();
  const audienceKey = AUDIENCE_KEYS[target] ?? null;
  if (target === "TAG") return { cannot: "a TAG target: the listing does not show the tag expression", hint: WRITE_BY_HAND };
  if (target !== "ALL" && !audienceKey)
    return { cannot: `a ${shown.target || "target-less"} push (continuous, or of no target push can write)`, hint: WRITE_BY_HAND };
  if (audienceKey && !context.audience)
    return {
      cannot: `the listing does not show who it reaches (the ${target} ids of Target.Value)`,
      hint: GIVE_AUDIENCE,
    };
  return {
    fields: {
      target: { platform, ...(audienceKey ? { [audienceKey]: context.audience } : { all: true }) },
      [content]: { ...(shown.title !== undefined ? { title: shown.title } : {}), body: shown.body ?? "" },
      schedule: { at: formatZoned(Date.parse(sendAt), context.zone) },
    },
    audienceKey,
    unseen: UNSEEN,
  };
}
