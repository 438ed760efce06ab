/**
 * When a task sends: an mPaaS loop (StrategyType 2) runs on every day its StrategyContent names, in the provider's
 * zone; any other task once, at its `sendAt`. Of a compiled task or of a recorded request alike. Pure.
 */
import { formatUtc, loopRuns, type MpaasStrategy } from "../lib/time/index.js";
import { DEFAULT_MPAAS_TIMEZONE, type ResolvedApp } from "../model/app.js";
import type { Operation, Plan } from "../model/plan.js";
import type { CompiledTask } from "../model/task.js";

export type LoopContent = Omit<Extract<MpaasStrategy, { kind: "loop" }>, "kind" | "firstRun" | "lastRun">;

/** An mPaaS loop's StrategyContent, else null. */
export function loopContent(task: Pick<CompiledTask, "request">): LoopContent | null {
  const request = task.request;
  if (!("StrategyType" in request) || request.StrategyType !== 2 || !request.StrategyContent) return null;
  return JSON.parse(request.StrategyContent) as LoopContent;
}

/** The instants a task sends at, ascending: every run of a loop, else its `sendAt` (none: sent when applied). */
export function sendTimes(task: Pick<CompiledTask, "request" | "sendAt">, providerZone: string): number[] {
  const content = loopContent(task);
  if (content) return loopRuns({ kind: "loop", ...content, firstRun: 0, lastRun: 0 }, providerZone);
  return task.sendAt === null ? [] : [Date.parse(task.sendAt)];
}

/** The zone an app's provider reads loop days and times in (mPaaS; EMAS tasks carry instants). */
export function providerZone(apps: Record<string, ResolvedApp>, app: string): string {
  const resolved = apps[app];
  return resolved?.provider === "mpaas" ? resolved.providerTimezone : DEFAULT_MPAAS_TIMEZONE;
}

/** How many coming sends a plan lists per campaign: enough to check a schedule at a glance. */
export const NEXT_SENDS = 5;

/**
 * The coming sends of each campaign the operations create or replace tasks of: every run after `now` of the
 * campaign's tasks (each run of a loop, not only its first), the first NEXT_SENDS of them. A task sent when
 * applied has no instant to list.
 */
export function nextSends(tasks: CompiledTask[], operations: Operation[], now: number, zone: (app: string) => string): Plan["nextSends"] {
  const changed = new Set(operations.flatMap((op) => (op.kind === "create" || op.kind === "replace" ? [op.task.campaign] : [])));
  const runs = new Map<string, number[]>();
  for (const task of tasks) {
    if (!changed.has(task.campaign)) continue;
    const coming = sendTimes(task, zone(task.app)).filter((t) => t > now);
    const known = runs.get(task.campaign);
    if (known) known.push(...coming);
    else runs.set(task.campaign, coming);
  }
  // Per-platform tasks and batches send at the same instants: each instant once.
  return [...runs].flatMap(([campaign, times]) => (times.length ? [{ campaign, at: [...new Set(times)].sort((a, b) => a - b).slice(0, NEXT_SENDS).map(formatUtc) }] : []));
}
