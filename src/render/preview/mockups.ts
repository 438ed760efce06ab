/**
 * The notification mock-ups of one campaign: the iOS lock screen, and the Android and HarmonyOS shade collapsed
 * and expanded. Text is first cut at the provider's hard limit (what the device can receive), then the collapsed
 * views clamp it to the platform's usual lines in the browser, as the phone does with its own font.
 */
import type { CampaignPreview, NotificationPreview } from "./document.js";
import { esc, longDate, PLATFORM_NAMES } from "./format.js";
import { COLLAPSED_LINES, type TextField } from "../../plan/collapsed-text.js";
import { fitText } from "./text-fit.js";

const FIELD_NAMES: Record<TextField, string> = { title: "Title", body: "Body" };

/** The clock a lock screen shows: the first send, in the campaign's zone; Apple's 9:41 when sent on apply. */
function clockOf(campaign: CampaignPreview): { date: string | null; time: string } {
  const s = campaign.schedule;
  const send = s.kind === "once" ? s.send : s.kind === "loop" ? s.sends[0] : undefined;
  return send ? { date: send.date, time: send.time.slice(0, 5) } : { date: null, time: "9:41" };
}

const sent = (n: NotificationPreview, field: TextField): string | null => {
  const text = n[field];
  return text === null ? null : fitText(text, n.platform, field).sent;
};

function textBlock(n: NotificationPreview, clamp: boolean): string {
  const lines = COLLAPSED_LINES[n.platform];
  const cls = (name: string, count: number) => (clamp ? `${name} clamp-${count}` : name);
  const title = sent(n, "title");
  const body = sent(n, "body");
  return [
    title !== null ? `<div class="${cls("title", lines.title)}">${esc(title)}</div>` : "",
    n.subtitle !== null ? `<div class="${cls("subtitle", 1)}">${esc(n.subtitle)}</div>` : "",
    body !== null ? `<div class="${cls("body", lines.body)}">${esc(body)}</div>` : "",
  ].join("");
}

/** A picture is never fetched: its box names the file, and the notes under the phone give the whole URL. */
function placeholder(cls: "thumb" | "picture", label: string, url: string): string {
  const file = url.split(/[/?#]/).filter(Boolean).pop() ?? url;
  return `<div class="${cls}" title="${esc(url)}"><span class="placeholder-label">${label}</span><span>${esc(file)}</span></div>`;
}

const icon = (app: string, badge: string | null) =>
  `<span class="icon">${esc(app.slice(0, 1).toUpperCase())}${badge ? `<span class="badge">${esc(badge)}</span>` : ""}</span>`;

function homeBadge(app: string, n: NotificationPreview): string {
  return n.badge === null ? "" : `<div class="home">${icon(app, n.badge)}<span>app icon badge <b>${esc(n.badge)}</b></span></div>`;
}

/** Under the phone: each text's length against its limit and whether the collapsed view cuts it; the picture URLs. */
function notesOf(n: NotificationPreview): string {
  const notes = (["title", "body"] as const).flatMap((field) => {
    const text = n[field];
    if (text === null) return [];
    const fit = fitText(text, n.platform, field);
    const measure = `${FIELD_NAMES[field]} ${fit.length}/${fit.limit} ${fit.unit}`;
    if (fit.overLimit) return [`<li class="warn"><span class="bad">${measure}</span>: over the limit, cut</li>`];
    if (fit.lines > fit.shownLines) return [`<li class="warn">${measure}: ≈${fit.lines} lines, collapsed shows ${fit.shownLines}</li>`];
    return [`<li>${measure}: fits</li>`];
  });
  const urls = [n.imageUrl !== null ? `Picture <code>${esc(n.imageUrl)}</code>` : "", n.iconUrl !== null ? `Icon <code>${esc(n.iconUrl)}</code>` : ""].filter(
    Boolean,
  );
  const all = [...notes, ...urls.map((u) => `<li class="url">${u}</li>`)];
  return all.length ? `<ul class="fit-notes">${all.join("")}</ul>` : "";
}

function wrapSilent(n: NotificationPreview, cards: string): string {
  return n.silent ? `<div class="silent"><div class="silent-label">Silent: delivered to the app, not shown</div>${cards}</div>` : cards;
}

function ios(campaign: CampaignPreview, n: NotificationPreview): string {
  const clock = clockOf(campaign);
  const card = `<div class="card"><div class="head">${icon(campaign.app, null)}<span>${esc(campaign.app)}</span><span class="when">now</span></div>
<div class="row"><div class="text">${textBlock(n, true)}</div>${n.imageUrl ? placeholder("thumb", "image", n.imageUrl) : ""}</div></div>`;
  const date = clock.date ? longDate(clock.date).replace(/ \d{4}$/, "") : "";
  return `<div class="screen"><div class="lock"><div class="lock-date">${esc(date)}</div><div class="lock-time">${esc(clock.time)}</div></div>
${wrapSilent(n, card)}${homeBadge(campaign.app, n)}</div>`;
}

/** Android and HarmonyOS: the shade's collapsed card, then the expanded one with the whole text and picture. */
function shade(campaign: CampaignPreview, n: NotificationPreview): string {
  const head = `<div class="head">${icon(campaign.app, null)}<span>${esc(campaign.app)}</span><span>· now</span><span class="expand">⌄</span></div>`;
  const thumb = n.iconUrl ? placeholder("thumb", "icon", n.iconUrl) : "";
  const collapsed = `<div class="card">${head}<div class="row"><div class="text">${textBlock(n, true)}</div>${thumb}</div></div>`;
  const inbox = n.inbox.length ? `<ul class="inbox">${n.inbox.map((line) => `<li>${esc(line)}</li>`).join("")}</ul>` : "";
  const expanded = `<div class="card">${head.replace("⌄", "⌃")}<div class="row"><div class="text">${textBlock(n, false)}${inbox}</div>${thumb}</div>${n.imageUrl ? placeholder("picture", "picture", n.imageUrl) : ""}</div>`;
  return `<div class="screen"><div class="status"><span>${esc(clockOf(campaign).time)}</span><span>▾ ▮</span></div>
${wrapSilent(n, `<div class="state">Collapsed</div>${collapsed}<div class="state">Expanded</div>${expanded}`)}${homeBadge(campaign.app, n)}</div>`;
}

const VIEW = { ios: "lock screen", android: "notification shade", hmos: "notification centre" } as const;

export function renderMockup(campaign: CampaignPreview, n: NotificationPreview): string {
  const screen = n.platform === "ios" ? ios(campaign, n) : shade(campaign, n);
  const style = n.style ? ` · ${esc(n.style)}` : "";
  return `<figure class="device ${n.platform}"><figcaption>${PLATFORM_NAMES[n.platform]}<br><small>${VIEW[n.platform]}${style}</small></figcaption>
${screen}
${notesOf(n)}</figure>`;
}
