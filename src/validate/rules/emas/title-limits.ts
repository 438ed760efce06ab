import type { DiagnosticCode } from "../../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { Campaign } from "../../../model/campaign.js";
import { chars, emasPlatforms, utf8Bytes } from "../rule.js";

/** EMAS seed, "Length limits": iOS/HarmonyOS title at most 200 bytes (UTF-8); Android title at most 50 characters. */
export const IOS_TITLE_MAX_BYTES = 200;
export const HMOS_TITLE_MAX_BYTES = 200;
export const ANDROID_TITLE_MAX_CHARS = 50;

export function titleCheck(code: DiagnosticCode, platform: "ios" | "android" | "hmos", campaign: Campaign): Diagnostic[] {
  const title = campaign.notification?.title;
  if (title === undefined || !emasPlatforms(campaign).includes(platform)) return [];
  const [size, limit, unit] =
    platform === "android"
      ? [chars(title), ANDROID_TITLE_MAX_CHARS, "characters"]
      : [utf8Bytes(title), platform === "ios" ? IOS_TITLE_MAX_BYTES : HMOS_TITLE_MAX_BYTES, "UTF-8 bytes"];
  if (size <= limit) return [];
  const name = { ios: "iOS", android: "Android", hmos: "HarmonyOS" }[platform];
  return [
    error(code, `notification.title is ${size} ${unit}; the ${name} limit is ${limit} ${unit}`, {
      pointer: "/notification/title",
      hint: `shorten the title by ${size - limit} ${size - limit === 1 ? unit.replace(/s$/, "") : unit}${campaign.target.platform ? "" : ", or target one platform"}`,
    }),
  ];
}
