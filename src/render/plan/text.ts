import { plural } from "../../lib/plural.js";
import type { Plan } from "../../model/plan.js";

const paint = (on: boolean, code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** Reasons that say no more than the operation's kind: the others are shown under it. */
const PLAIN_REASONS = new Set(["new", "content changed"]);

/** The sentence that ends a plan: what it changes, or that it changes nothing. */
export function planSummaryLine(summary: Plan["summary"]): string {
  const { create, replace, cancel, protect, adopt, move, blocked } = summary;
  const held = blocked ? `${blocked} change(s) blocked by protect: true` : "";
  if (create + replace + cancel + protect + adopt + move === 0) return held ? `No changes carried out: ${held}.` : "No changes.";
  const stateOnly = `${protect ? `, ${protect} protection(s) to record` : ""}${adopt ? `, ${adopt} to adopt (state only)` : ""}${move ? `, ${move} to move (state only)` : ""}`;
  return `Plan: ${create} to create, ${replace} to replace, ${cancel} to cancel${stateOnly}${held ? `; ${held}` : ""}.`;
}

/** The lists after the operations: reach, deferred sends, history, drift, unmanaged and blocked tasks. */
function sections(plan: Plan): string[] {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push("", title, ...items.map((i) => `  ${i}`));
  };
  section(
    "Reach (who the plan's sends reach):",
    plan.reach.map((r) => `${r.campaign}: ${r.ids === null ? r.who : plural(r.ids, r.who)} in ${r.requests} request(s)`),
  );
  section(
    "Deferred (beyond the provider's scheduling window; a later plan creates them):",
    plan.deferred.map((d) => `${d.key}  ${d.sendAt}`),
  );
  section(
    "Later occurrences of recurring campaigns:",
    plan.deferredOccurrences.map((d) => `${d.campaign}: ${d.count ?? "unbounded"} more, next ${d.next ?? "-"}`),
  );
  if (plan.applyBy)
    lines.push("", `Next apply due by ${plan.applyBy}: the first deferred send is created only by an apply within the provider's window before it.`);
  section(
    "Already sent (changed since; history is not resent):",
    plan.alreadySent.map((s) => `${s.key}  sent ${s.sendAt ?? "when applied"}`),
  );
  section(
    "Drift (changed outside push):",
    plan.drift.map((d) => `${d.key}  ${d.remoteId ?? ""}  ${d.detail}`),
  );
  section(
    "Unmanaged (scheduled outside push; never cancelled):",
    plan.unmanaged.map((u) => `${u.remoteId}  ${u.sendAt ?? ""}  ${u.title ?? ""}`),
  );
  section(
    "Blocked by protect: true:",
    plan.blocked.flatMap((b) => [
      `${b.kind} ${b.key}: ${b.reason}`,
      ...(b.changes ?? []).map((c) => `  ~ ${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`),
    ]),
  );
  return lines;
}

/** The human plan, drawn from the Plan value only: cancellations first and apart, then creates and replaces. */
export function renderPlanText(plan: Plan, options: { color: boolean }): string {
  const red = paint(options.color, "31");
  const green = paint(options.color, "32");
  const yellow = paint(options.color, "33");
  const dim = paint(options.color, "2");
  const zone = new Map(plan.campaigns.map((c) => [c.id, c.timezone]));
  /** `recorded`: the zone state recorded with a task, for a campaign that may be gone. */
  const when = (sendAt: string | null, campaign: string, recorded?: string) => {
    if (sendAt === null) return "when applied";
    const tz = zone.get(campaign) ?? recorded ?? "UTC";
    const local = new Intl.DateTimeFormat("sv-SE", { timeZone: tz, dateStyle: "short", timeStyle: "medium" }).format(new Date(sendAt));
    return `${sendAt} (${local} ${tz})`;
  };
  const lines: string[] = [];
  // A broadcast first of all: it reaches every device of the app.
  for (const r of plan.reach.filter((r) => r.who === "everyone")) lines.push(red(`! Broadcast: ${r.campaign} sends to everyone of its app`), "");
  const cancels = plan.operations.filter((o) => o.kind === "cancel");
  if (cancels.length) {
    lines.push(red("Cancellations (scheduled notifications that will not be sent):"));
    for (const op of cancels)
      if (op.kind === "cancel")
        lines.push(red(`  - cancel  ${op.key}  ${op.prior.remoteId ?? ""}  was due ${when(op.prior.sendAt, op.prior.campaign, op.prior.timezone)}`));
    if (cancels.length < plan.operations.length) lines.push("");
  }
  for (const op of plan.operations) {
    switch (op.kind) {
      case "cancel":
        continue;
      case "create":
        lines.push(green(`  + create  ${op.key}  (${op.task.api}, ${op.task.app})  sends ${when(op.task.sendAt, op.task.campaign)}`));
        break;
      case "replace":
        lines.push(yellow(`-/+ replace ${op.key}  (${op.task.api}, ${op.task.app})  sends ${when(op.task.sendAt, op.task.campaign)}`));
        for (const c of op.changes) lines.push(yellow(`      ~ ${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`));
        break;
      case "protect":
        lines.push(`  ~ ${op.protect ? "protect" : "unprotect"}  ${op.key}  (state only)`);
        break;
      case "move":
        lines.push(`  > move    ${op.from} -> ${op.key}  (state only)`);
        break;
      case "adopt":
        lines.push(
          `  = adopt   ${op.key}  (${op.task.api}, ${op.task.app})  ${op.status} as ${op.remoteId}, ${when(op.task.sendAt, op.task.campaign)}  (state only)`,
        );
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown operation ${JSON.stringify(never)}`);
      }
    }
    if (!PLAIN_REASONS.has(op.reason)) lines.push(dim(`      ${op.reason}`));
  }
  lines.push(...sections(plan));
  lines.push("", planSummaryLine(plan.summary));
  return `${lines.join("\n").replace(/^\n+/, "")}\n`;
}
