/**
 * The schedule of one campaign in its own zone: "sent when applied", the instant of a one-off, or the month grids
 * of a loop's coming sends (Monday first), with the sends listed and each change of UTC offset called out.
 */
import type { CampaignPreview, SchedulePreview, Send } from "./document.js";
import { esc, longDate, MONTHS, plural, utcOffset, weekdayOf } from "./format.js";

/** Sends listed one by one under the calendar. */
const LISTED_SENDS = 10;

const WEEKDAY_HEAD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAY_NAMES: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

type Loop = Extract<SchedulePreview, { kind: "loop" }>;

const listed = (items: string[]) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

/** `every week on Monday and Sunday at 09:00:00`. */
function loopRule(loop: Loop): string {
  const on = loop.on.map((d) => (typeof d === "number" ? String(d) : (WEEKDAY_NAMES[d] ?? d)));
  const days = loop.every === "day" ? "every day" : loop.every === "week" ? `every week on ${listed(on)}` : `every month on day ${listed(on)}`;
  return `${days} at ${loop.time}`;
}

/** One line for lists and summaries: `2025-06-19 20:00 Asia/Shanghai`, `every day at 13:45:11 …, next …`. */
export function scheduleSummary(campaign: CampaignPreview): string {
  const s = campaign.schedule;
  const short = (send: Send) => `${send.date} ${send.time.slice(0, 5)}`;
  switch (s.kind) {
    case "applied":
      return "when applied";
    case "once":
      return `${short(s.send)} ${campaign.timezone}${s.send.deferred ? " (deferred)" : ""}${s.past ? " (in the past)" : ""}`;
    case "loop":
      return `${loopRule(s)} ${campaign.timezone}, ${s.sends[0] ? `next ${short(s.sends[0])}` : "no sends left"}`;
  }
}

function sendLine(send: Send): string {
  const deferred = send.deferred ? " · deferred: beyond EMAS's 7-day window, a later apply schedules it" : "";
  return `<li${send.deferred ? ' class="deferred"' : ""}>${esc(longDate(send.date))}, ${esc(send.time)} ${esc(utcOffset(send.offset))} <code>${esc(send.at)}</code>${deferred}</li>`;
}

function monthGrid(month: string, sends: Send[], today: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const lead = (weekdayOf(`${month}-01`) + 6) % 7;
  const cells: string[] = Array.from({ length: lead }, () => '<td class="empty"></td>');
  for (let day = 1; day <= days; day++) {
    const date = `${month}-${String(day).padStart(2, "0")}`;
    const on = sends.filter((s) => s.date === date);
    const classes = [on.length ? "send" : "", on.length && on.every((s) => s.deferred) ? "deferred" : "", date === today ? "today" : ""]
      .filter(Boolean)
      .join(" ");
    const times = on.map((s) => `<span class="at">${esc(s.time.slice(0, 5))}</span>`).join("");
    cells.push(`<td${classes ? ` class="${classes}"` : ""}><span class="day">${day}</span>${times}</td>`);
  }
  while (cells.length % 7) cells.push('<td class="empty"></td>');
  const rows = Array.from({ length: cells.length / 7 }, (_, r) => `<tr>${cells.slice(r * 7, r * 7 + 7).join("")}</tr>`).join("\n");
  return `<table class="month"><caption>${MONTHS[m - 1]} ${year}</caption>
<tr>${WEEKDAY_HEAD.map((d) => `<th>${d}</th>`).join("")}</tr>
${rows}</table>`;
}

/** The months from the first send's to the last's (`YYYY-MM`). */
function monthsOf(sends: Send[]): string[] {
  if (sends.length === 0) return [];
  const index = (s: Send) => Number(s.date.slice(0, 4)) * 12 + Number(s.date.slice(5, 7)) - 1;
  const months: string[] = [];
  for (let i = index(sends[0]!); i <= index(sends[sends.length - 1]!); i++)
    months.push(`${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`);
  return months;
}

/** A note (HTML) where consecutive sends have different UTC offsets: a daylight-saving change between them. */
function offsetChanges(sends: Send[]): string[] {
  return sends.flatMap((send, i) => {
    const before = sends[i - 1];
    if (!before || before.offset === send.offset) return [];
    return [
      `The zone's UTC offset changes from ${esc(utcOffset(before.offset))} to ${esc(utcOffset(send.offset))} between ${esc(before.date)} and ${esc(send.date)}: the send of ${esc(longDate(send.date))} is at ${esc(send.time)} local time, <code>${esc(send.at)}</code>.`,
    ];
  });
}

function calendar(sends: Send[], today: string): string {
  const deferred = sends.some((s) => s.deferred) ? '<span class="deferred"></span>deferred' : "";
  return `<p class="legend">Local times.<span class="send"></span>sent${deferred}<span class="today"></span>the clock's day</p>
<div class="months">${monthsOf(sends)
    .map((month) => monthGrid(month, sends, today))
    .join("\n")}</div>`;
}

function loopBody(loop: Loop, campaign: CampaignPreview): string {
  const span = [loop.from ? `from ${loop.from}` : "from the day it is applied", loop.until ? `until ${loop.until}` : "with no end"].join(" ");
  const counts = [
    plural(loop.sends.length, "send") + " in the calendar below",
    loop.later === null ? "more after it (no end)" : loop.later ? `${plural(loop.later, "send")} after it` : "",
    loop.past ? `${plural(loop.past, "send")} before the clock` : "",
  ].filter(Boolean);
  const deferred = loop.sends.filter((s) => s.deferred).length;
  const notes = [
    ...offsetChanges(loop.sends),
    ...(deferred
      ? [`${plural(deferred, "send")} lie beyond EMAS's 7-day scheduling window: each is scheduled by an apply within 7 days of it (shown grey).`]
      : []),
  ];
  return `<p class="when">Sent <b>${esc(loopRule(loop))}</b> ${esc(campaign.timezone)}, ${esc(span)}.</p>
<p>${esc(counts.join("; "))}.</p>
${notes.length ? `<ul class="notes">${notes.map((n) => `<li class="warn">${n}</li>`).join("")}</ul>` : ""}
${loop.sends.length ? calendar(loop.sends, campaign.today) : "<p>No sends left.</p>"}
${loop.sends.length ? `<h3>Next sends</h3><ol class="sends">${loop.sends.slice(0, LISTED_SENDS).map(sendLine).join("\n")}</ol>` : ""}`;
}

export function renderSchedule(campaign: CampaignPreview): string {
  const s = campaign.schedule;
  let body: string;
  switch (s.kind) {
    case "applied":
      body = `<p class="when">Sent <b>when applied</b> (<code>push apply</code> sends it at once).</p>`;
      break;
    case "once": {
      const notes = [
        s.send.deferred ? "More than 7 days after the clock: EMAS takes a scheduled push at most 7 days ahead, so plan holds it as deferred until then." : "",
        s.past ? "Before the clock: a plan refuses to create it (schedule-in-past); one already sent stays as it is." : "",
      ].filter(Boolean);
      body = `<p class="when">Sent once, <b>${esc(longDate(s.send.date))}, ${esc(s.send.time)}</b> ${esc(campaign.timezone)} (${esc(utcOffset(s.send.offset))}), <code>${esc(s.send.at)}</code>.</p>
${notes.map((n) => `<p class="warn">${esc(n)}</p>`).join("")}
${calendar([s.send], campaign.today)}`;
      break;
    }
    case "loop":
      body = loopBody(s, campaign);
      break;
  }
  return `<section class="schedule"><h2>Schedule <small>(${esc(campaign.timezone)})</small></h2>
${body}</section>`;
}
