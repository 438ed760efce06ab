/**
 * How much of a title or body each platform shows: the providers' hard limits (the ones the compiler enforces for
 * EMAS; mPaaS passes longer text on, and the vendor channels cut it), and what a collapsed notification shows
 * before its ellipsis, by the measure the plan's title-truncation lint uses too (plan/collapsed-text.ts). The
 * mock-ups let the browser wrap with a real font.
 */
import { ANDROID_TITLE_MAX_CHARS, HMOS_TITLE_MAX_BYTES, IOS_TITLE_MAX_BYTES } from "../../validate/rules/emas/title-limits.js";
import { NOTIFICATION_BODY_MAX_CHARS } from "../../validate/rules/common/notification-body-length.js";
import { chars, utf8Bytes } from "../../validate/rules/rule.js";
import { collapsedView, cutTo, type TextField } from "../../plan/collapsed-text.js";
import type { PreviewPlatform } from "./document.js";

interface Limit {
  max: number;
  unit: "characters" | "UTF-8 bytes";
  measure: (text: string) => number;
}

const CHARS = { unit: "characters", measure: chars } as const;
const BYTES = { unit: "UTF-8 bytes", measure: utf8Bytes } as const;

/** EMAS seed, "Length limits" (the compiler's rules title-limits and notification-body-length). */
const LIMITS: Record<PreviewPlatform, Record<TextField, Limit>> = {
  ios: { title: { max: IOS_TITLE_MAX_BYTES, ...BYTES }, body: { max: NOTIFICATION_BODY_MAX_CHARS, ...CHARS } },
  android: { title: { max: ANDROID_TITLE_MAX_CHARS, ...CHARS }, body: { max: NOTIFICATION_BODY_MAX_CHARS, ...CHARS } },
  hmos: { title: { max: HMOS_TITLE_MAX_BYTES, ...BYTES }, body: { max: NOTIFICATION_BODY_MAX_CHARS, ...CHARS } },
};

export interface TextFit {
  /** Length in the limit's unit. */
  length: number;
  limit: number;
  unit: Limit["unit"];
  /** The text within the hard limit (whole characters), with "…" when it had to be cut. */
  sent: string;
  overLimit: boolean;
  /** Estimated lines of `sent` at the platform's width, and the lines the collapsed view shows. */
  lines: number;
  shownLines: number;
  /** What the collapsed view shows, ending in "…" when it cuts. */
  collapsed: string;
}

export function fitText(text: string, platform: PreviewPlatform, field: TextField): TextFit {
  const limit = LIMITS[platform][field];
  const length = limit.measure(text);
  const overLimit = length > limit.max;
  const sent = overLimit ? `${cutTo(text, limit.max, limit.measure)}…` : text;
  const view = collapsedView(sent, platform, field);
  return { length, limit: limit.max, unit: limit.unit, sent, overLimit, lines: view.lines, shownLines: view.shownLines, collapsed: view.shown };
}
