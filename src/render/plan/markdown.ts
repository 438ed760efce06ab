import type { Plan } from "../../model/plan.js";

/** GitHub's comment limit is 65,536 characters: stay under it with room for a note. */
export const MARKDOWN_BUDGET = 65_000;

/** A pull-request comment: a summary table, then per campaign its operations and request changes. */
export function renderPlanMarkdown(plan: Plan): string {
  const { create, replace, cancel, unchanged } = plan.summary;
  const head = [
    "### push plan",
    "",
    "| create | replace | cancel | unchanged | deferred | drift |",
    "|---:|---:|---:|---:|---:|---:|",
    `| ${create} | ${replace} | ${cancel} | ${unchanged} | ${plan.deferred.length} | ${plan.drift.length} |`,
    "",
  ];
  const sections: string[] = [];
  const byCampaign = new Map<string, string[]>();
  for (const op of plan.operations) {
    const campaign = op.kind === "cancel" || op.kind === "protect" ? op.prior.campaign : op.task.campaign;
    const lines = byCampaign.get(campaign) ?? [];
    if (op.kind === "cancel") lines.push(`- **cancel** \`${op.key}\` (was due ${op.prior.sendAt ?? "when applied"})`);
    if (op.kind === "create") lines.push(`- **create** \`${op.key}\` sends ${op.task.sendAt ?? "when applied"}`, "```json", JSON.stringify(op.task.request, null, 2), "```");
    if (op.kind === "protect") lines.push(`- **${op.protect ? "protect" : "unprotect"}** \`${op.key}\` (state only): ${op.reason}`);
    if (op.kind === "replace") lines.push(`- **replace** \`${op.key}\``, "```diff", ...op.changes.flatMap((c) => [`- ${c.path}: ${JSON.stringify(c.before)}`, `+ ${c.path}: ${JSON.stringify(c.after)}`]), "```");
    byCampaign.set(campaign, lines);
  }
  const zones = new Map(plan.campaigns.map((c) => [c.id, c.timezone]));
  for (const [campaign, lines] of byCampaign) {
    const zone = zones.get(campaign) ?? "UTC";
    const times = plan.operations.flatMap((op) => ((op.kind === "create" || op.kind === "replace") && op.task.campaign === campaign && op.task.sendAt ? [op.task.sendAt] : [])).sort().slice(0, 5);
    if (times.length) lines.push("", `Next sends (${zone}): ${times.map((t) => new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" }).format(new Date(t))).join(", ")}`);
    const warnings = plan.diagnostics.filter((d) => d.severity === "warning" && d.message.startsWith(`${campaign}`));
    if (warnings.length) lines.push("", ...warnings.map((w) => `> :warning: ${w.message}`));
  }
  for (const [campaign, lines] of byCampaign) sections.push(`<details><summary><code>${campaign}</code></summary>\n\n${lines.join("\n")}\n\n</details>\n`);
  let out = head.join("\n");
  let shown = 0;
  for (const section of sections) {
    if (out.length + section.length > MARKDOWN_BUDGET - 200) break;
    out += `\n${section}`;
    shown++;
  }
  if (shown < sections.length) out += `\n_${sections.length - shown} more campaign(s) left out to stay under the comment size limit; run \`push plan\` for the whole plan._\n`;
  if (plan.summary.create + replace + cancel + plan.summary.protect === 0) out += "\nNo changes.\n";
  return out;
}
