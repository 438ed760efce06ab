import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Operation, Plan } from "../../model/plan.js";
import type { RemoteTask } from "../../model/remote.js";
import { bullets, code, leastOf, renderBlock, share, shorten, type Block } from "./budget.js";
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

const appOf = (t: RemoteTask) => (t.appRef.provider === "emas" ? `EMAS app key ${t.appRef.appKey}` : `mPaaS ${t.appRef.appId}/${t.appRef.workspaceId}`);

/** A campaign's collapsed section: lines that always stay (every operation and its key), and blocks that may be cut. */
type Part = string | Block;

function section(campaign: string, parts: Part[], room: (block: Block) => number): string {
  const body = parts.map((part) => (typeof part === "string" ? `${part}\n` : renderBlock(part, room(part)))).join("");
  return `<details><summary><code>${campaign}</code></summary>\n\n${body}\n</details>\n`;
}

/**
 * The Changes heading and as many campaign sections as `room` holds. Every section keeps its operation lines
 * (so every task key shows); the request blocks share what is left, small ones whole and large ones cut.
 */
function changes(sections: Array<{ campaign: string; parts: Part[] }>, room: number): string {
  if (sections.length === 0) return "";
  const heading = "#### Changes\n\n";
  const leftOut = (n: number) => `_${n} more campaign(s) left out to stay under the comment size limit; run \`push plan\` for the whole plan._\n\n`;
  let left = room - heading.length - leftOut(sections.length).length;
  const shown: typeof sections = [];
  for (const s of sections) {
    const least = section(s.campaign, s.parts, leastOf).length + 1;
    if (least > left) break;
    shown.push(s);
    left -= least;
  }
  const blocks = shown.flatMap((s) => s.parts.filter((p): p is Block => typeof p !== "string"));
  const given = share(blocks.map((b) => renderBlock(b, Infinity).length - leastOf(b)), left);
  const rooms = new Map(blocks.map((b, i) => [b, leastOf(b) + given[i]!]));
  const body = shown.map((s) => `${section(s.campaign, s.parts, (b) => rooms.get(b)!)}\n`).join("");
  return heading + body + (shown.length < sections.length ? leftOut(sections.length - shown.length) : "");
}

/**
 * A pull-request comment, read from the Plan value only: a summary table; cancellations first and apart; then
 * per campaign its operations, request changes, next sends and warnings (collapsed); then what was blocked, drift,
 * unmanaged tasks and the rest. Lists and details are cut to stay under the comment size limit, with a note.
 */
export function renderPlanMarkdown(plan: Plan): string {
  const zones = new Map(plan.campaigns.map((c) => [c.id, c.timezone]));
  /** `recorded`: the zone state recorded with a task, for a campaign that may be gone. */
  const zoneOf = (campaign: string, recorded?: string) => zones.get(campaign) ?? recorded ?? "UTC";
  const clock = (sendAt: string, zone: string) => new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" }).format(new Date(sendAt));
  const local = (sendAt: string | null, zone: string) => (sendAt === null ? "when applied" : `${clock(sendAt, zone)} (${zone})`);
  const { create, replace, cancel, protect, unchanged } = plan.summary;
  const head = [
    "### push plan",
    "",
    "| create | replace | cancel | protect | unchanged | deferred | drift | unmanaged | blocked |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${create} | ${replace} | ${cancel} | ${protect} | ${unchanged} | ${plan.deferred.length} | ${plan.drift.length} | ${plan.unmanaged.length} | ${plan.blocked.length} |`,
    "",
    "",
  ].join("\n");

  const cancels = plan.operations.flatMap((op) => (op.kind === "cancel" ? [`**cancel** ${code(op.key)} ${op.prior.remoteId ?? ""} (${op.prior.app}), was due ${local(op.prior.sendAt, zoneOf(op.prior.campaign, op.prior.timezone))}`] : []));
  const cancellations = bullets(":warning: Cancellations (scheduled notifications that will not be sent)", cancels, LIST_BUDGET.cancellations);

  const starts = new Map<string, Array<{ id: string; line: number }>>();
  for (const c of [...plan.campaigns].sort((a, b) => a.source.line - b.source.line)) starts.set(c.source.file, [...(starts.get(c.source.file) ?? []), { id: c.id, line: c.source.line }]);
  const warnings = new Map<string | null, Diagnostic[]>();
  for (const d of plan.diagnostics) {
    const campaign = campaignOf(d, starts);
    if (d.severity === "warning") warnings.set(campaign, [...(warnings.get(campaign) ?? []), d]);
  }

  const byCampaign = new Map<string, Array<Exclude<Operation, { kind: "cancel" }>>>();
  for (const op of plan.operations) {
    if (op.kind === "cancel") continue;
    const campaign = op.kind === "protect" ? op.prior.campaign : op.task.campaign;
    byCampaign.set(campaign, [...(byCampaign.get(campaign) ?? []), op]);
  }
  for (const campaign of warnings.keys()) if (campaign !== null && !byCampaign.has(campaign)) byCampaign.set(campaign, []);
  const next = new Map(plan.nextSends.map((n) => [n.campaign, n.at]));
  const sections = [...byCampaign].map(([campaign, ops]) => {
    const parts: Part[] = [];
    for (const op of ops) {
      if (op.kind === "create") parts.push(`- **create** ${code(op.key)} sends ${op.task.sendAt ?? "when applied"}`, { lang: "json", render: (limit) => JSON.stringify(shorten(op.task.request, limit), null, 2) });
      if (op.kind === "replace") {
        const diff = (limit: number) => op.changes.flatMap((c) => [`- ${c.path}: ${JSON.stringify(shorten(c.before, limit))}`, `+ ${c.path}: ${JSON.stringify(shorten(c.after, limit))}`]).join("\n");
        parts.push(`- **replace** ${code(op.key)}: ${op.reason}`, { lang: "diff", render: diff });
      }
      if (op.kind === "protect") parts.push(`- **${op.protect ? "protect" : "unprotect"}** ${code(op.key)} (state only): ${op.reason}`);
    }
    const times = next.get(campaign) ?? [];
    if (times.length) parts.push("", `Next sends (${zoneOf(campaign)}): ${times.map((t) => clock(t, zoneOf(campaign))).join(", ")}`);
    const own = warnings.get(campaign) ?? [];
    if (own.length) parts.push("", ...own.map((w) => `> :warning: ${w.message}`));
    return { campaign, parts };
  });

  const tail = [
    bullets("Blocked by `protect: true`", plan.blocked.map((b) => `**${b.kind}** ${code(b.key)}: ${b.reason}`), LIST_BUDGET.other),
    bullets("Drift (changed outside push)", plan.drift.map((d) => `${code(d.key)} ${d.remoteId ?? ""}: ${d.detail}`), LIST_BUDGET.other),
    bullets("Unmanaged (scheduled outside push; never cancelled)", plan.unmanaged.map((u) => `${code(u.remoteId)} (${appOf(u)}) sends ${u.sendAt ?? "-"}${u.title ? ` ${code(u.title)}` : ""}`), LIST_BUDGET.other),
    bullets("Already sent (changed since; history is not resent)", plan.alreadySent.map((s) => `${code(s.key)} sent ${s.sendAt ?? "when applied"}`), LIST_BUDGET.other),
    bullets("Deferred (beyond the provider's scheduling window; a later plan creates them)", plan.deferred.map((d) => `${code(d.key)} ${d.sendAt}`), LIST_BUDGET.other),
    bullets("Later occurrences of recurring campaigns", plan.deferredOccurrences.map((d) => `${code(d.campaign)}: ${d.count ?? "unbounded"} more, next ${d.next === null ? "-" : local(d.next, zoneOf(d.campaign))}`), LIST_BUDGET.other),
    bullets("Other warnings", (warnings.get(null) ?? []).map((w) => `:warning: ${w.message}`), LIST_BUDGET.other),
  ].join("");
  const end = `${planSummaryLine(plan.summary)}\n`;
  const room = MARKDOWN_BUDGET - 200 - head.length - cancellations.length - tail.length - end.length;
  return head + cancellations + changes(sections, room) + tail + end;
}
