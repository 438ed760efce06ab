/** Desired tasks vs recorded and observed ones -> a Plan. Pure: the clock, the refresh result and the locator are values. */
import { broadcasts, frequencyCapped, reachOf, type FrequencyCap } from "./blast.js";
import { adoption, Recognition } from "./adopt.js";
import { applyBy, missedSends } from "./missed.js";
import type { CampaignInfo } from "../model/campaign.js";
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedApp } from "../model/app.js";
import { PLAN_FORMAT_VERSION, type FieldChange, type Operation, type Plan, type RunEnvironment } from "../model/plan.js";
import type { StateSnapshot, TaskRecord, TaskStatus } from "../model/state.js";
import type { CompiledTask, DeferredOccurrences } from "../model/task.js";
import { isObject } from "../model/json.js";
import { timestamp } from "../lib/time/instant.js";
import type { RefreshResult } from "../refresh/refresh.js";
import { planDigest, taskHash } from "./integrity.js";
import { checkPendingLimit } from "./limits.js";
import { lintOperations } from "./lint.js";
import { planEnvironment } from "./environment.js";
import { sentHistory, type Ahead, type SentChange } from "./history.js";
import { at, schedulePointer } from "./located.js";
import { blockedCancel, protection } from "./protect.js";
import { loopContent, providerZone } from "../providers/mpaas/loop.js";
import { nextSends } from "./runs.js";
import { remainingLoop, withGeneration } from "./sends.js";

export interface PlanInput {
  tasks: CompiledTask[];
  deferred: DeferredOccurrences[];
  campaigns: CampaignInfo[];
  /** The config's apps: the zone an mPaaS app reads loop days in. */
  apps: Record<string, ResolvedApp>;
  snapshot: StateSnapshot;
  refresh: RefreshResult;
  now: number;
  /** The run's `--env` and endpoint: the plan records them, and a saved plan is applied under them only. */
  environment: RunEnvironment;
  /** What the edge found of the state itself (a state lost with a CI runner, records left in the shared place). */
  stateDiagnostics?: Diagnostic[];
  /** `frequencyCap` of the config: more pushes of one app per recipient in the window is a warning. */
  frequencyCap?: FrequencyCap | null;
  /** `--target`: plan these campaigns only; records of the others are left as they are. */
  targets?: string[];
  /** The project's rule levels and `# push-ignore` comments, applied to the plan's diagnostics (they are part of it). */
  levels?: (diagnostics: Diagnostic[]) => Diagnostic[];
  /**
   * Moves plan diagnostics from their campaign's first line, where the plan places them, to the field their
   * pointer names (the edge re-parses the files they point into).
   */
  locate: (diagnostics: Diagnostic[]) => Diagnostic[];
}

function diff(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) diff(before[key], after[key], `${path}.${key}`, out);
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path: path.slice(1), before, after });
  }
}

/** Field changes between two requests, leaving out the idempotency values that follow from the content. */
function requestChanges(before: object, after: object): FieldChange[] {
  const out: FieldChange[] = [];
  diff(before, after, "", out);
  return out.filter((c) => c.path !== "IdempotentToken" && c.path !== "TargetMsgkey" && !c.path.startsWith("TargetMsgkey."));
}

type Collected = Pick<Plan, "operations" | "unchanged" | "deferred" | "blocked" | "diagnostics">;
type Sends = Pick<Extract<Operation, { kind: "create" }>, "task" | "generation" | "compiledHash" | "protect" | "timezone">;

interface Context {
  now: number;
  apps: Record<string, ResolvedApp>;
  protect: (campaign: string) => boolean;
  /** The campaign's zone, recorded with each task it sends. */
  zone: (campaign: string) => string | undefined;
  out: Collected;
  /** Sent tasks whose campaign changed since, settled once every task is planned (see history.ts). */
  sent: SentChange[];
  ahead: Ahead;
  /** Tasks the provider lists that no record holds: a create of one of them is an adoption. */
  recognition: Recognition;
}

/** A create journaled but not known to have reached the provider: finish it with the very request it was sending. */
function resumed(task: CompiledTask, record: TaskRecord): Operation {
  const sent = { ...task, request: record.request, sendAt: record.sendAt } as CompiledTask;
  const hash = taskHash(sent);
  return {
    kind: "create",
    key: task.key,
    task: { ...sent, hash },
    reason: "resume an interrupted create",
    ...(record.generation ? { generation: record.generation } : {}),
    ...(hash !== record.hash ? { compiledHash: record.hash } : {}),
    ...(record.protect ? { protect: true } : {}),
    ...(record.timezone ? { timezone: record.timezone } : {}),
  };
}

/**
 * What a create or replace of `task` sends, or null (with an error) when it cannot be sent: a send time in the
 * past. A campaign that exists already (it has a record) and is an mPaaS loop that has started is sent as the
 * rest of its loop instead.
 */
function toSend(task: CompiledTask, record: TaskRecord | undefined, ctx: Context): Sends | null {
  let sent = task;
  if (task.sendAt !== null && Date.parse(task.sendAt) <= ctx.now) {
    const rest = record ? remainingLoop(task, ctx.now, providerZone(ctx.apps, task.app)) : null;
    if (!rest) {
      const loop = loopContent(task) !== null;
      const message =
        loop && record
          ? `${task.key}: the changed loop has no run left after now (${timestamp(ctx.now)})`
          : `${task.key} would first send at ${task.sendAt}, which is in the past (now ${timestamp(ctx.now)})`;
      const hint =
        loop && record
          ? "move its until later, or remove the campaign: its runs so far are history"
          : "move the schedule into the future, or remove the schedule to send when applied";
      ctx.out.diagnostics.push(error("schedule-in-past", message, { ...at(task, schedulePointer(task)), hint }));
      return null;
    }
    sent = rest;
  }
  const generation = record ? (record.generation ?? 0) + 1 : 0;
  const timezone = ctx.zone(task.campaign);
  return {
    task: withGeneration(sent, generation),
    ...(generation ? { generation } : {}),
    ...(sent.hash !== task.hash ? { compiledHash: task.hash } : {}),
    ...(ctx.protect(task.campaign) ? { protect: true } : {}),
    ...(timezone ? { timezone } : {}),
  };
}

function planTask(task: CompiledTask, record: TaskRecord | undefined, status: TaskStatus | undefined, ctx: Context): void {
  const { out } = ctx;
  const owned = { ...(ctx.protect(task.campaign) ? { protect: true } : {}), ...(ctx.zone(task.campaign) ? { timezone: ctx.zone(task.campaign)! } : {}) };
  if (record && status === "pending") {
    // Settled against the listing first: the provider may hold it whatever its token's age.
    const resume = resumed(task, record);
    const listed = "task" in resume ? ctx.recognition.find(resume.task) : null;
    out.operations.push(listed && "task" in resume ? adoption(resume.task, listed, { ...owned, prior: record }) : resume);
    return;
  }
  if (!record) {
    const listed = ctx.recognition.find(task);
    if (listed) {
      if (listed.status !== "sent") ctx.ahead.current.add(task.campaign);
      out.operations.push(adoption(task, listed, owned));
      return;
    }
  }
  const protect = ctx.protect(task.campaign);
  // A cancel whose outcome is unknown (an interrupted replace): cancel again, then create.
  const interrupted = record && status === "cancelling";
  if (record && (status === "scheduled" || status === "sent")) {
    if (record.hash === task.hash) {
      if (status === "scheduled") ctx.ahead.current.add(task.campaign);
      // A protect change is the task's one operation: it is not also unchanged.
      if (status === "scheduled" && protect !== (record.protect === true)) out.operations.push(protection(record, protect));
      else out.unchanged.push(task.key);
      return;
    }
    if (status === "sent") {
      ctx.sent.push({ task, record });
      return;
    }
    if (protect) {
      const changes = requestChanges(record.request, task.request);
      out.blocked.push({ key: task.key, kind: "replace", reason: "protect: true: this edit is not sent; remove the line to let push replace it", changes });
      if (!record.protect) out.operations.push(protection(record, true));
      return;
    }
  }
  if (record && (status === "scheduled" || interrupted)) {
    const planned = toSend(task, record, ctx);
    if (!planned) return;
    const rest = planned.compiledHash ? `; the loop has started: the replacement covers its runs from ${planned.task.sendAt}` : "";
    const reason = interrupted ? "an interrupted replace: cancel again, then create" : `content changed${rest}`;
    out.operations.push({ kind: "replace", key: task.key, prior: record, changes: requestChanges(record.request, planned.task.request), reason, ...planned });
    return;
  }
  const planned = toSend(task, record, ctx);
  if (planned)
    out.operations.push({
      kind: "create",
      key: task.key,
      reason: record ? `recorded as ${status}: create again, with idempotency values of its own` : "new",
      ...planned,
    });
}

/** Why a recorded task that no campaign compiles to is cancelled: gone, or moved beyond the window (`later`: by campaign). */
function cancelReason(record: TaskRecord, later: Map<string, string>): string {
  const next = later.get(record.campaign);
  return next ? `moved to ${next}, beyond EMAS's 7-day scheduling window: a later plan creates it` : "no longer in the campaigns";
}

const API: { [P in CompiledTask["provider"]]: Extract<CompiledTask, { provider: P }>["api"] } = { emas: "PushV2", mpaas: "PushSimple" };

/**
 * The task a record was sending, rebuilt from the record alone: its campaign is gone, so no file is its source.
 * A record pairs its provider and its request as a task does; the type cannot follow that through the spread.
 */
function recordedTask(record: TaskRecord): CompiledTask {
  const { key, campaign, app, sendAt, hash, provider, request } = record;
  return { key, campaign, app, sendAt, hash, provider, api: API[provider], request, source: { file: "", line: 0 } } as CompiledTask;
}

/**
 * A pending record whose campaign left the plan: the task it was sending, if the provider lists it, is cancelled
 * (scheduled) or recorded as sent; null when no listing shows it (it never reached the provider).
 */
function settlePending(record: TaskRecord, recognition: Recognition): Operation | null {
  const task = recordedTask(record);
  const listed = recognition.find(task);
  if (!listed) return null;
  if (listed.status === "sent") return adoption(task, listed, { prior: record });
  const reason = "a create whose outcome was unknown, and whose campaign was removed since: the provider lists it, so it is cancelled";
  return { kind: "cancel", key: record.key, prior: record, remoteId: listed.remoteId, reason };
}

/** What a frequency cap weighs: every scheduled send of the project, and the immediate ones this plan makes. */
function capped(tasks: CompiledTask[], operations: Operation[]): CompiledTask[] {
  const sending = new Set(operations.flatMap((op) => (op.kind === "create" || op.kind === "replace" ? [op.key] : [])));
  return tasks.filter((t) => t.sendAt !== null || sending.has(t.key));
}

/** The records of renamed campaigns (`formerIds`) to move to their new keys, by new key: a task without a record of its own. */
function plannedMoves(input: PlanInput): Map<string, Extract<Operation, { kind: "move" }>> {
  const former = new Map(input.campaigns.flatMap((c) => (c.formerIds?.length ? [[c.id, c.formerIds] as const] : [])));
  const keys = new Set(input.tasks.map((t) => t.key));
  const moves = new Map<string, Extract<Operation, { kind: "move" }>>();
  for (const task of input.tasks) {
    if (input.snapshot.tasks[task.key]) continue;
    for (const id of former.get(task.campaign) ?? []) {
      const from = id + task.key.slice(task.campaign.length);
      const prior = input.snapshot.tasks[from];
      if (!prior || keys.has(from) || (prior.status !== "scheduled" && prior.status !== "sent")) continue;
      moves.set(task.key, {
        kind: "move",
        key: task.key,
        from,
        campaign: task.campaign,
        prior,
        reason: `renamed from ${id} (formerIds): its record moves, nothing is sent`,
      });
      break;
    }
  }
  return moves;
}

/**
 * What becomes of the records whose task the plan no longer has: a cancel (or, under `protect: true`, a blocked
 * one), an interrupted cancel again, a pending create settled from the listing.
 */
function plannedCancels(input: PlanInput, desired: Set<string>, later: Map<string, string>, ctx: Context): Operation[] {
  const { snapshot, refresh } = input;
  const onCampaign = new Map(input.campaigns.map((c) => [c.id, c.protect]));
  const out = ctx.out;
  const cancels: Operation[] = [];
  const targeted = input.targets ? new Set(input.targets) : null;
  for (const record of Object.values(snapshot.tasks)) {
    if (desired.has(record.key) || (targeted && !targeted.has(record.campaign))) continue;
    const status = refresh.observed[record.key] ?? record.status;
    if (status === "pending") {
      // A create whose outcome was never known, and whose campaign has left the plan: settled by the listing.
      const settled = settlePending(record, ctx.recognition);
      if (settled) cancels.push(settled);
      continue;
    }
    if (status !== "scheduled" && status !== "cancelling") continue;
    const blocked = status === "scheduled" ? blockedCancel(record, onCampaign.get(record.campaign)) : null;
    if (blocked) out.blocked.push(blocked);
    else
      cancels.push({
        kind: "cancel",
        key: record.key,
        prior: record,
        reason: status === "cancelling" ? "an interrupted cancel: cancel again" : cancelReason(record, later),
      });
  }
  return cancels;
}

/** Plans each compiled task against its record (or a renamed campaign's, moved); returns the keys the plan keeps. */
function planTasks(input: PlanInput, ctx: Context): Set<string> {
  const { snapshot, refresh } = input;
  const out = ctx.out;
  const desired = new Set<string>();
  const moves = plannedMoves(input);
  for (const task of input.tasks) {
    desired.add(task.key);
    const move = moves.get(task.key);
    if (move) {
      // A rename: the record moves (state only); a change of content too waits for the plan after it.
      desired.add(move.from);
      out.operations.push(move);
      if (move.prior.hash !== task.hash)
        out.diagnostics.push(
          warning("renamed-changed", `${task.key} was renamed and changed: this plan moves its record; the next plan replaces it`, {
            ...at(task, "/formerIds"),
            hint: "apply, then plan again",
          }),
        );
      continue;
    }
    const record = snapshot.tasks[task.key];
    planTask(task, record, record ? (refresh.observed[task.key] ?? record.status) : undefined, ctx);
  }
  return desired;
}

export function makePlan(input: PlanInput): Plan {
  const { snapshot, refresh, now } = input;
  const onCampaign = new Map(input.campaigns.map((c) => [c.id, c.protect]));
  const zones = new Map(input.campaigns.map((c) => [c.id, c.timezone]));
  const out: Collected = { operations: [], unchanged: [], deferred: [], blocked: [], diagnostics: [] };
  const ctx: Context = {
    now,
    apps: input.apps,
    protect: (campaign) => onCampaign.get(campaign) === true,
    zone: (campaign) => zones.get(campaign),
    out,
    sent: [],
    ahead: { carried: new Set(), current: new Set() },
    recognition: new Recognition(refresh.unrecorded, input.apps),
  };
  // Compile defers EMAS sends beyond the 7-day window (emasSendTimes): a one-off waits as a deferred task.
  const later = new Map<string, string>();
  for (const deferred of input.deferred) {
    if (!deferred.oneOff || deferred.next === null) continue;
    out.deferred.push({ key: deferred.campaign, sendAt: deferred.next });
    later.set(deferred.campaign, deferred.next);
    ctx.ahead.current.add(deferred.campaign);
  }
  const desired = planTasks(input, ctx);
  const cancels = plannedCancels(input, desired, later, ctx);
  const operations = [...cancels, ...out.operations];
  const reach = reachOf(operations);
  for (const op of out.operations) if (op.kind === "create" || op.kind === "replace") ctx.ahead.carried.add(op.task.campaign);
  const history = sentHistory(ctx.sent, ctx.ahead, (app) => providerZone(input.apps, app));
  const found = [
    ...(input.stateDiagnostics ?? []),
    ...input.locate([
      ...out.diagnostics,
      ...history.diagnostics,
      ...checkPendingLimit(operations, refresh.scheduled, at),
      ...lintOperations(operations, input.campaigns, at),
      ...missedSends(input.campaigns, snapshot, now, at),
      ...broadcasts(reach),
      ...(input.frequencyCap ? frequencyCapped(capped(input.tasks, operations), input.apps, input.frequencyCap, now) : []),
    ]),
  ];
  const diagnostics = input.levels ? input.levels(found) : found;
  const sendTimes = operations.flatMap((op) => ((op.kind === "create" || op.kind === "replace") && op.task.sendAt !== null ? [op.task.sendAt] : []));
  const count = (kind: Operation["kind"]) => operations.filter((o) => o.kind === kind).length;
  const body: Omit<Plan, "planId"> = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: timestamp(now),
    state: { lineage: snapshot.lineage, serial: snapshot.serial },
    environment: planEnvironment(input.environment, input.apps, operations),
    earliestSendAt: sendTimes.sort()[0] ?? null,
    operations,
    unchanged: out.unchanged,
    alreadySent: history.alreadySent,
    deferred: out.deferred,
    deferredOccurrences: input.deferred.filter((d) => !d.oneOff),
    applyBy: applyBy(out.deferred, input.deferred),
    targets: input.targets ?? null,
    reach,
    nextSends: nextSends(input.tasks, operations, now, (app) => providerZone(input.apps, app)),
    drift: refresh.drift,
    unmanaged: refresh.unmanaged.filter((u) => !ctx.recognition.taken.has(u.remoteId)),
    blocked: out.blocked,
    campaigns: input.campaigns,
    diagnostics,
    summary: {
      create: count("create"),
      replace: count("replace"),
      cancel: count("cancel"),
      protect: count("protect"),
      adopt: count("adopt"),
      move: count("move"),
      unchanged: out.unchanged.length,
      blocked: out.blocked.length,
    },
  };
  return { ...body, planId: planDigest(body) };
}
