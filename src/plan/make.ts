/** Desired tasks vs recorded and observed ones -> a Plan. Pure: the clock and the refresh result are values. */
import type { CampaignInfo } from "../cli/workspace.js";
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { PLAN_FORMAT_VERSION, type FieldChange, type Operation, type Plan } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import type { CompiledTask, DeferredOccurrences } from "../model/task.js";
import type { RefreshResult } from "../refresh/refresh.js";
import { planDigest } from "./integrity.js";
import { checkPendingLimit } from "./limits.js";
import { lintOperations } from "./lint.js";
import { at, schedulePointer } from "./located.js";
import { blockedCancel, protection } from "./protect.js";

/** api-facts §2.3: an EMAS scheduled push at most 7 days ahead; later ones wait for a later plan. */
const EMAS_WINDOW_MS = 7 * 86_400_000;

export interface PlanInput {
  tasks: CompiledTask[];
  deferred: DeferredOccurrences[];
  campaigns: CampaignInfo[];
  snapshot: StateSnapshot;
  refresh: RefreshResult;
  now: number;
  /**
   * Moves plan diagnostics from their campaign's first line, where the plan places them, to the field their
   * pointer names (the edge re-parses the files they point into).
   */
  locate: (diagnostics: Diagnostic[]) => Diagnostic[];
}

function diff(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diff(before[key], after[key], `${path}.${key}`, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path: path.slice(1), before, after });
  }
}

/** Field changes between two requests, leaving out the idempotency values that follow from the content. */
export function requestChanges(before: object, after: object): FieldChange[] {
  const out: FieldChange[] = [];
  diff(before, after, "", out);
  return out.filter((c) => c.path !== "IdempotentToken" && c.path !== "TargetMsgkey");
}

export function makePlan(input: PlanInput): Plan {
  const { snapshot, refresh, now } = input;
  const onCampaign = new Map(input.campaigns.map((c) => [c.id, c.protect]));
  const operations: Operation[] = [];
  const plan: Omit<Plan, "planId" | "earliestSendAt" | "summary"> = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: new Date(now).toISOString(),
    state: { lineage: snapshot.lineage, serial: snapshot.serial },
    operations,
    unchanged: [],
    alreadySent: [],
    deferred: [],
    deferredOccurrences: input.deferred,
    drift: refresh.drift,
    unmanaged: refresh.unmanaged,
    blocked: [],
    campaigns: input.campaigns,
    diagnostics: [],
  };
  const diagnostics: Diagnostic[] = plan.diagnostics;
  const desired = new Set<string>();

  for (const task of input.tasks) {
    desired.add(task.key);
    const record = snapshot.tasks[task.key];
    const status = record ? (refresh.observed[task.key] ?? record.status) : undefined;
    const firstSend = task.sendAt === null ? null : Date.parse(task.sendAt);
    const protect = onCampaign.get(task.campaign) === true;
    const recordProtect = protect ? { protect: true } : {};
    if (record && status === "pending") {
      // A crashed apply: finish it with the very request (and idempotency values) it was sending.
      operations.push({ kind: "create", key: task.key, task: { ...task, request: record.request } as CompiledTask, reason: "resume an interrupted create" });
      continue;
    }
    if (record && (status === "scheduled" || status === "sent")) {
      if (record.hash === task.hash) {
        plan.unchanged.push(task.key);
        if (status === "scheduled" && protect !== (record.protect === true)) operations.push(protection(record, protect));
      } else if (status === "sent") {
        plan.alreadySent.push({ key: task.key, sendAt: record.sendAt });
        diagnostics.push(warning("already-sent", `${task.key} changed, but it was sent at ${record.sendAt ?? "apply time"}: history is not resent`, { ...at(task, "/id"), hint: "give the campaign a new id to send the new version" }));
      } else if (protect) {
        plan.blocked.push({ key: task.key, kind: "replace", reason: "protect: true: remove the line to let push replace it" });
        if (!record.protect) operations.push(protection(record, true));
      } else operations.push({ kind: "replace", key: task.key, task, prior: record, changes: requestChanges(record.request, task.request), reason: "content changed", ...recordProtect });
      continue;
    }
    if (firstSend !== null && firstSend <= now) {
      diagnostics.push(
        error("schedule-in-past", `${task.key} would first send at ${task.sendAt}, which is in the past (now ${new Date(now).toISOString()})`, {
          ...at(task, schedulePointer(task)),
          hint: "move the schedule into the future, or remove the schedule to send when applied",
        }),
      );
      continue;
    }
    if (task.provider === "emas" && firstSend !== null && firstSend > now + EMAS_WINDOW_MS) {
      plan.deferred.push({ key: task.key, sendAt: task.sendAt! });
      continue;
    }
    operations.push({ kind: "create", key: task.key, task, reason: record ? `recorded as ${status}: create again` : "new", ...recordProtect });
  }
  const cancels: Operation[] = [];
  for (const record of Object.values(snapshot.tasks)) {
    if (desired.has(record.key)) continue;
    const status = refresh.observed[record.key] ?? record.status;
    if (status !== "scheduled" && status !== "cancelling") continue;
    const blocked = status === "scheduled" ? blockedCancel(record, onCampaign.get(record.campaign)) : null;
    if (blocked) plan.blocked.push(blocked);
    else cancels.push({ kind: "cancel", key: record.key, prior: record, reason: "no longer in the campaigns" });
  }
  operations.unshift(...cancels);
  diagnostics.push(...checkPendingLimit(operations, refresh.scheduled, at), ...lintOperations(operations, input.campaigns, at));
  const sendTimes = operations.flatMap((op) => ((op.kind === "create" || op.kind === "replace") && op.task.sendAt !== null ? [op.task.sendAt] : []));
  const earliestSendAt = sendTimes.sort()[0] ?? null;
  const count = (kind: Operation["kind"]) => operations.filter((o) => o.kind === kind).length;
  const summary = { create: count("create"), replace: count("replace"), cancel: count("cancel"), protect: count("protect"), unchanged: plan.unchanged.length };
  const body = { ...plan, diagnostics: input.locate(diagnostics), earliestSendAt, summary };
  return { ...body, planId: planDigest(body) };
}
