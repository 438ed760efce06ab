/**
 * When a task sends: an mPaaS loop (StrategyType 2) runs on every day its StrategyContent names, in the provider's
 * zone; any other task once, at its `sendAt`. Of a compiled task or of a recorded request alike. Pure.
 */
import { loopRuns } from "../../lib/time/index.js";
import { DEFAULT_MPAAS_TIMEZONE, type ResolvedApp } from "../../model/app.js";
import type { CompiledTask, LoopStrategyContent, MpaasTask } from "../../model/task.js";
import { loopStrategy } from "./wire.js";

/** Whether a task is an mPaaS loop (a task of either provider may be asked). */
export function isLoopTask(task: CompiledTask): task is MpaasTask {
  return task.provider === "mpaas" && loopStrategy(task.request) !== null;
}

/** An mPaaS loop's StrategyContent, else null. */
export function loopContent(task: Pick<CompiledTask, "request">): LoopStrategyContent | null {
  return "StrategyType" in task.request ? loopStrategy(task.request) : null;
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
