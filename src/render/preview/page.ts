/**
 * The preview's HTML views over the preview document: one self-contained page per campaign (mock-ups, text fit,
 * schedule) and an index. No scripts, no external requests: the Content-Security-Policy forbids any.
 */
import { renderSchedule, scheduleSummary } from "./calendar.js";
import type { CampaignPreview, PreviewDocument } from "./document.js";
import { esc, PLATFORM_NAMES, shownOn, titleHtml } from "./format.js";
import { renderMockup } from "./mockups.js";
import { PAGE_CSS } from "./styles.js";
import { fitText } from "./text-fit.js";

/** The element the PNG image is taken of. */
export const MOCKUPS_SELECTOR = "#mockups";

const PROVIDER_NAMES = { emas: "EMAS Mobile Push", mpaas: "mPaaS Message Push" } as const;
/** Task keys named in a page's footer. */
const LISTED_KEYS = 10;

/** A campaign's file name without extension; ids cannot hold `_`, so `index_` never meets another campaign. */
export const fileStem = (id: string): string => (id === "index" ? "index_" : id);

function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src 'self'">
<title>${esc(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** `300 s` -> `5 minutes`. */
function duration(seconds: number): string {
  const units: Array<[number, string]> = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) if (seconds % size === 0 && seconds >= size) return `${seconds / size} ${name}${seconds === size ? "" : "s"}`;
  return `${seconds} seconds`;
}

function dataMessage(campaign: CampaignPreview): string {
  const { message } = campaign;
  if (!message) return "";
  const both = campaign.notifications.length
    ? " A device that is online gets this message instead of the notification; an offline one gets the notification."
    : "";
  return `<div class="data-message"><b>Pass-through message</b>: delivered to the app, which decides what to show; the system shows nothing.${both}
${message.title !== null ? `<div>Title: <b>${esc(message.title)}</b></div>` : ""}<pre>${esc(message.body)}</pre></div>`;
}

function fitTable(campaign: CampaignPreview): string {
  const rows = campaign.notifications.flatMap((n) =>
    (["title", "body"] as const).flatMap((field) => {
      const text = n[field];
      if (text === null) return [];
      const fit = fitText(text, n.platform, field);
      const cut = fit.lines > fit.shownLines;
      return [
        `<tr><td>${PLATFORM_NAMES[n.platform]}</td><td>${field}</td><td${fit.overLimit ? ' class="warn"' : ""}>${fit.length} / ${fit.limit} ${fit.unit}${fit.overLimit ? ` <span class="bad">over the limit: cut to ${fit.limit}</span>` : ""}</td><td${cut ? ' class="warn"' : ""}>≈${fit.lines} of ${fit.shownLines}</td><td>${cut ? esc(fit.collapsed) : "all of it"}</td></tr>`,
      ];
    }),
  );
  if (rows.length === 0) return "";
  return `<section class="fit"><h2>Text fit</h2>
<p>Limits are the providers' (the compiler refuses longer EMAS text; mPaaS passes it on and the vendor channels cut it). Lines are estimated at about 40 columns (a CJK character or an emoji takes two); the mock-ups wrap with the browser's font.</p>
<table><tr><th>platform</th><th>field</th><th>length / limit</th><th>lines (collapsed shows)</th><th>collapsed view shows</th></tr>
${rows.join("\n")}</table></section>`;
}

function mockups(campaign: CampaignPreview): string {
  const figures = campaign.notifications.map((n) => renderMockup(campaign, n)).join("\n");
  return `<section id="mockups"><p class="mockups-head"><b>${titleHtml(campaign)}</b> · ${esc(campaign.app)} · ${esc(scheduleSummary(campaign))}</p>
${figures ? `<div class="devices">${figures}</div>` : ""}
${dataMessage(campaign)}</section>`;
}

export function renderCampaignPage(doc: PreviewDocument, campaign: CampaignPreview): string {
  const keys = campaign.keys
    .slice(0, LISTED_KEYS)
    .map((k) => `<code>${esc(k)}</code>`)
    .join(", ");
  const moreKeys = campaign.keys.length > LISTED_KEYS ? ` and ${campaign.keys.length - LISTED_KEYS} more` : "";
  const read = keys
    ? `read from the compiled task${campaign.keys.length === 1 ? "" : "s"} ${keys}${moreKeys}`
    : "with no task within the 7-day window yet: the mock-ups show the request compiled for the next send";
  const meta = [
    `app <b>${esc(campaign.app)}</b> (${PROVIDER_NAMES[campaign.provider]})`,
    `to ${esc(campaign.audience)}`,
    campaign.ttlSeconds !== null ? `kept ${duration(campaign.ttlSeconds)} for offline devices` : "",
    `<code>${esc(campaign.source.file)}:${campaign.source.line}</code>`,
  ].filter(Boolean);
  const body = `<header><p class="crumb"><a href="index.html">All campaigns</a></p>
<h1>${titleHtml(campaign)}</h1>
<p class="meta">${meta.join(" · ")}</p>
${campaign.description !== null ? `<p class="description">${esc(campaign.description)}</p>` : ""}</header>
${mockups(campaign)}
${fitTable(campaign)}
${renderSchedule(campaign)}
<footer>push preview at the clock <code>${esc(doc.now)}</code>, ${read}. Mock-ups follow each platform's default style; vendors' skins differ.</footer>`;
  return htmlDocument(`${campaign.name ?? campaign.id} · push preview`, body);
}

export function renderIndexPage(doc: PreviewDocument): string {
  const rows = doc.campaigns.map((c) => {
    return `<tr><td><a href="${esc(fileStem(c.id))}.html">${esc(c.id)}</a>${c.name !== null ? ` ${esc(c.name)}` : ""}</td><td>${esc(c.app)}</td><td>${shownOn(c) || "-"}</td><td>${esc(c.audience)}</td><td>${esc(scheduleSummary(c))}</td></tr>`;
  });
  const body = `<header><h1>push preview</h1><p class="meta">${doc.campaigns.length} campaign${doc.campaigns.length === 1 ? "" : "s"} at the clock <code>${esc(doc.now)}</code></p></header>
<table><tr><th>campaign</th><th>app</th><th>platforms</th><th>audience</th><th>sent</th></tr>
${rows.join("\n")}</table>`;
  return htmlDocument("push preview", body);
}
