import { behaviourOf } from "../../providers/behaviour.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Operation, Plan } from "../../model/plan.js";
import type { RemoteTask } from "../../model/remote.js";
import { bullets, code, leastOf, renderBlock, share, shorten, type Block } from "./budget.js";
import { campaignLine, readableChanges, redactedRequest } from "./readable.js";
import { planSummaryLine } from "./text.js";

/** GitHub's comment limit is 65,536 characters: stay under it with room for a note. */
export const MARKDOWN_BUDGET = 65_000;
/** Most characters a list section takes, so that each list and the campaigns' details all get a place. */
const LIST_BUDGET = { cancellations: 20_000, other: 4_000 };

/**
 * The campaign a diagnostic is about: the one whose document holds its position (documents follow each other in
 * a file, each starting at its first key's line). Null for a diagnostic without a place.
 */
function campaignOf(d: Diagnostic, starts: Map<string, Array<{ id: string; line: number }>>): string | null {
  if (!d.file || !d.range) return null;
  let found: string | null = null;
  for (const c of starts.get(d.file) ?? []) if (c.line <= d.range.line) found = c.id;
  return found;
}

const appOf = (t: RemoteTask) => behaviourOf(t.appRef).appTitle(t.appRef);

/** A campaign's collapsed section: lines that always stay (every operation and its key), and blocks that may be cut. */
type Part = string | Block;

interface Section {
  campaign: string;
  /** The campaign in one line, shown while its section is collapsed. */
  summary: string;
  parts: Part[];
  /** The campaign's operations, for the short list that stands in for its section when that does not fit. */
  keys: Array<{ kind: string; key: string }>;
}

function section(s: Section, room: (block: Block) => number): string {
  const body = s.parts.map((part) => (typeof part === "string" ? `${part}\n` : renderBlock(part, room(part)))).join("");
  return `<details><summary>${s.summary}</summary>\n\n${body}\n</details>\n\n`;
}

const SHORT_LIST_HEADING = "#### More changes (their details left out to stay under the comment size limit; run `push plan` for them)\n\n";
/** At most what a short list takes beside its keys: the heading, and a line's start and end for each kind. */
const SHORT_LIST_OVERHEAD = SHORT_LIST_HEADING.length + 4 * 40;
/** What a key takes in the short list. */
const listed = (key: string) => code(key).length + 1;

/** The keys of the sections left out, a line per kind of operation, cut to `room` with a count of the rest. */
function shortList(sections: Section[], room: number): string {
  const byKind = new Map<string, string[]>();
  for (const { kind, key } of sections.flatMap((s) => s.keys)) {
    const keys = byKind.get(kind);
    if (keys) keys.push(key);
    else byKind.set(kind, [key]);
  }
  let out = SHORT_LIST_HEADING;
  for (const [kind, keys] of byKind) {
    let line = `- **${kind}** (${keys.length}):`;
    const reserve = 40 + 60 * byKind.size;
    let shown = 0;
    for (const key of keys) {
      if (out.length + line.length + listed(key) > room - reserve) break;
      line += ` ${code(key)}`;
      shown++;
    }
    out += `${line}${shown < keys.length ? ` _…and ${keys.length - shown} more_` : ""}\n`;
  }
  return `${out}\n`;
}

/**
 * The Changes heading and as many campaign sections as `room` holds; the operations of the others in a short
 * list of their keys. Every shown section keeps its operation lines; their request blocks share what is left,
 * small ones whole and large ones cut.
 */
function changes(sections: Section[], room: number): string {
  if (sections.length === 0) return "";
  const heading = "#### Changes\n\n";
  const left = room - heading.length;
  const least = sections.map((s) => section(s, leastOf).length);
  // What the short list of the sections from i on takes: keys[i] (0 past the last).
  const keys = sections.map((s) => s.keys.reduce((n, k) => n + listed(k.key), 0));
  for (let i = keys.length - 2; i >= 0; i--) keys[i]! += keys[i + 1]!;
  const listOf = (from: number) => (from < sections.length ? SHORT_LIST_OVERHEAD + keys[from]! : 0);
  // Sections from the first for as long as they, and the short list of the rest, fit.
  let shown = 0;
  let used = 0;
  while (shown < sections.length && used + least[shown]! + listOf(shown + 1) <= left) used += least[shown++]!;
  const rest = shown < sections.length ? shortList(sections.slice(shown), left - used) : "";
  const blocks = sections.slice(0, shown).flatMap((s) => s.parts.filter((p): p is Block => typeof p !== "string"));
  const given = share(
    blocks.map((b) => renderBlock(b, Infinity).length - leastOf(b)),
    left - used - rest.length,
  );
  const rooms = new Map(blocks.map((b, i) => [b, leastOf(b) + given[i]!]));
  return (
    heading +
    sections
      .slice(0, shown)
      .map((s) => section(s, (b) => rooms.get(b)!))
      .join("") +
    rest
  );
}

/**
 * A pull-request comment, read from the Plan value only: a summary table; cancellations first and apart; then
 * per campaign its operations, request changes, next sends and warnings (collapsed); then what was blocked, drift,
 * unmanaged tasks and the rest. Lists and details are cut to stay under the comment size limit, with a note.
 */
/** The plan's warnings by the campaign they are about (null: none in particular). */
function warningsByCampaign(plan: Plan): Map<string | null, Diagnostic[]> {
  const starts = new Map<string, Array<{ id: string; line: number }>>();
  for (const c of [...plan.campaigns].sort((a, b) => a.source.line - b.source.line))
    starts.set(c.source.file, [...(starts.get(c.source.file) ?? []), { id: c.id, line: c.source.line }]);
  const warnings = new Map<string | null, Diagnostic[]>();
  for (const d of plan.diagnostics) {
    const campaign = campaignOf(d, starts);
    if (d.severity === "warning") warnings.set(campaign, [...(warnings.get(campaign) ?? []), d]);
  }
  return warnings;
}

/** Per campaign: its operations with their requests or changes, its next sends and its warnings. */
function campaignSections(
  plan: Plan,
  warnings: Map<string | null, Diagnostic[]>,
  clock: (sendAt: string, zone: string) => string,
  zoneOf: (campaign: string) => string,
) {
  const byCampaign = new Map<string, Array<Exclude<Operation, { kind: "cancel" }>>>();
  for (const op of plan.operations) {
    if (op.kind === "cancel") continue;
    const campaign = "task" in op ? op.task.campaign : op.prior.campaign;
    byCampaign.set(campaign, [...(byCampaign.get(campaign) ?? []), op]);
  }
  for (const campaign of warnings.keys()) if (campaign !== null && !byCampaign.has(campaign)) byCampaign.set(campaign, []);
  const next = new Map(plan.nextSends.map((n) => [n.campaign, n.at]));
  const sections = [...byCampaign].map(([campaign, ops]) => {
    const parts: Part[] = [];
    let previous: string | null = null;
    for (const op of ops) {
      if (op.kind === "create") {
        // Batches of one request shape show it once: the next ones only say so.
        const shown = JSON.stringify(redactedRequest(op.task));
        if (shown === previous) parts.push(`- **create** ${code(op.key)} sends ${op.task.sendAt ?? "when applied"}: the same request, to its own batch`);
        else
          parts.push(`- **create** ${code(op.key)} sends ${op.task.sendAt ?? "when applied"}`, {
            lang: "json",
            render: (limit) => JSON.stringify(shorten(redactedRequest(op.task), limit), null, 2),
          });
        previous = shown;
      }
      if (op.kind === "replace") {
        const diff = (limit: number) =>
          readableChanges(op, (ms) => `${clock(new Date(ms).toISOString(), zoneOf(campaign))} ${zoneOf(campaign)}`)
            .flatMap((c) => [`- ${c.path}: ${JSON.stringify(shorten(c.before, limit))}`, `+ ${c.path}: ${JSON.stringify(shorten(c.after, limit))}`])
            .join("\n");
        parts.push(`- **replace** ${code(op.key)}: ${op.reason}`, { lang: "diff", render: diff });
      }
      if (op.kind === "protect") parts.push(`- **${op.protect ? "protect" : "unprotect"}** ${code(op.key)} (state only): ${op.reason}`);
      if (op.kind === "adopt") parts.push(`- **adopt** ${code(op.key)} (state only): ${op.reason}`);
      if (op.kind === "move") parts.push(`- **move** ${code(op.from)} → ${code(op.key)} (state only): ${op.reason}`);
    }
    const times = next.get(campaign) ?? [];
    if (times.length) parts.push("", `Next sends (${zoneOf(campaign)}): ${times.map((t) => clock(t, zoneOf(campaign))).join(", ")}`);
    const own = warnings.get(campaign) ?? [];
    if (own.length) parts.push("", ...own.map((w) => `> :warning: ${w.message}`));
    const when = (sendAt: string | null) =>
      sendAt === null ? "when applied" : `${clock(sendAt, zoneOf(campaign))} ${zoneOf(campaign)} (${sendAt.slice(0, 16).replace("T", " ")} UTC)`;
    const summary = campaignLine(campaign, ops, when);
    return { campaign, summary, parts, keys: ops.map((op) => ({ kind: op.kind === "protect" && !op.protect ? "unprotect" : op.kind, key: op.key })) };
  });
  return sections;
}

export function renderPlanMarkdown(plan: Plan): string {
  const zones = new Map(plan.campaigns.map((c) => [c.id, c.timezone]));
  /** `recorded`: the zone state recorded with a task, for a campaign that may be gone. */
  const zoneOf = (campaign: string, recorded?: string) => zones.get(campaign) ?? recorded ?? "UTC";
  const clock = (sendAt: string, zone: string) =>
    new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" }).format(new Date(sendAt));
  const local = (sendAt: string | null, zone: string) => (sendAt === null ? "when applied" : `${clock(sendAt, zone)} (${zone})`);
  const { create, replace, cancel, protect, unchanged } = plan.summary;
  const everyone = plan.reach
    .filter((r) => r.who === "everyone")
    .map((r) => `> :loudspeaker: **Broadcast**: \`${r.campaign}\` sends to everyone of its app\n\n`);
  const head = [
    "### push plan",
    "",
    ...everyone,
    "| create | replace | cancel | protect | unchanged | deferred | drift | unmanaged | blocked |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${create} | ${replace} | ${cancel} | ${protect} | ${unchanged} | ${plan.deferred.length} | ${plan.drift.length} | ${plan.unmanaged.length} | ${plan.blocked.length} |`,
    "",
    "",
  ].join("\n");

  const cancels = plan.operations.flatMap((op) =>
    op.kind === "cancel"
      ? [
          `**cancel** ${code(op.key)} ${op.prior.remoteId ?? ""} (${op.prior.app}), was due ${local(op.prior.sendAt, zoneOf(op.prior.campaign, op.prior.timezone))}`,
        ]
      : [],
  );
  const cancellations = bullets(":warning: Cancellations (scheduled notifications that will not be sent)", cancels, LIST_BUDGET.cancellations);

  const warnings = warningsByCampaign(plan);
  const sections = campaignSections(plan, warnings, clock, zoneOf);

  const tail = [
    bullets(
      "Blocked by `protect: true`",
      plan.blocked.map(
        (b) => `**${b.kind}** ${code(b.key)}: ${b.reason}${b.changes?.length ? ` (held back: ${b.changes.map((c) => code(c.path)).join(", ")})` : ""}`,
      ),
      LIST_BUDGET.other,
    ),
    bullets(
      "Drift (changed outside push)",
      plan.drift.map((d) => `${code(d.key)} ${d.remoteId ?? ""}: ${d.detail}`),
      LIST_BUDGET.other,
    ),
    bullets(
      "Unmanaged (scheduled outside push; never cancelled)",
      plan.unmanaged.map((u) => `${code(u.remoteId)} (${appOf(u)}) sends ${u.sendAt ?? "-"}${u.title ? ` ${code(u.title)}` : ""}`),
      LIST_BUDGET.other,
    ),
    bullets(
      "Already sent (changed since; history is not resent)",
      plan.alreadySent.map((s) => `${code(s.key)} sent ${s.sendAt ?? "when applied"}`),
      LIST_BUDGET.other,
    ),
    bullets(
      "Deferred (beyond the provider's scheduling window; a later plan creates them)",
      plan.deferred.map((d) => `${code(d.key)} ${d.sendAt}`),
      LIST_BUDGET.other,
    ),
    bullets(
      "Later occurrences of recurring campaigns",
      plan.deferredOccurrences.map(
        (d) => `${code(d.campaign)}: ${d.count ?? "unbounded"} more, next ${d.next === null ? "-" : local(d.next, zoneOf(d.campaign))}`,
      ),
      LIST_BUDGET.other,
    ),
    bullets(
      "Other warnings",
      (warnings.get(null) ?? []).map((w) => `:warning: ${w.message}`),
      LIST_BUDGET.other,
    ),
  ].join("");
  const due = plan.applyBy
    ? `**Next apply due by ${local(plan.applyBy, "UTC")}**: the first deferred send is created only by an apply within the provider's window before it.\n\n`
    : "";
  const end = `${due}${planSummaryLine(plan.summary)}\n`;
  const room = MARKDOWN_BUDGET - 200 - head.length - cancellations.length - tail.length - end.length;
  return head + cancellations + changes(sections, room) + tail + end;
}
