/**
 * Words, dates and escaping for the preview's views. Campaign text is user input: every string interpolated into
 * HTML goes through `esc`. Dates are spelled by hand so that output does not depend on the runtime's locale data.
 */
import type { CampaignPreview, PreviewPlatform } from "./document.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export const PLATFORM_NAMES: Record<PreviewPlatform, string> = { ios: "iOS", android: "Android", hmos: "HarmonyOS" };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Weekday of a `YYYY-MM-DD` date, 0 = Sunday: calendar arithmetic, no zone involved. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** `Friday 19 June 2026`. */
export function longDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${WEEKDAYS[weekdayOf(date)]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** `UTC+08:00`; `UTC` for +00:00. */
export const utcOffset = (offset: string): string => (offset === "+00:00" ? "UTC" : `UTC${offset.replace("-", "−")}`);

/** `1 device id`, `2,400 aliases`. */
export { plural } from "../../lib/plural.js";

/** `iOS, Android`, with `pass-through message` for an EMAS Message. */
export function shownOn(campaign: CampaignPreview): string {
  return [...campaign.notifications.map((n) => PLATFORM_NAMES[n.platform]), ...(campaign.message ? ["pass-through message"] : [])].join(", ");
}

/** A campaign's name with its id, or its id alone, as HTML. */
export const titleHtml = (campaign: CampaignPreview): string =>
  campaign.name !== null ? `${esc(campaign.name)} <code>${esc(campaign.id)}</code>` : `<code>${esc(campaign.id)}</code>`;
