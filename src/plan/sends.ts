/**
 * What a create or a replace sends for a compiled task: the task with the idempotency values of its generation,
 * and for an mPaaS loop that has started, only the runs still to come. Pure.
 */
import { behaviourOf } from "../providers/behaviour.js";
import { formatUtc, localDate, startOfDay } from "../lib/time/index.js";
import type { CompiledTask, MpaasTask } from "../model/task.js";
import { taskHash } from "./integrity.js";
import { isLoopTask, loopContent, sendTimes } from "../providers/mpaas/loop.js";

/**
 * The task with the idempotency values of `generation`: the compiled ones at 0, and after that values derived
 * from the compiled ones and the generation, so each create of a key has values of its own. EMAS answers a
 * repeated IdempotentToken with the earlier task (for 15 minutes) and mPaaS refuses a repeated message key: a
 * re-create after a cancel would otherwise get back the cancelled task, or nothing.
 */
export function withGeneration(task: CompiledTask, generation: number): CompiledTask {
  if (generation === 0) return task;
  return behaviourOf(task).withGeneration(task, `generation ${generation}`);
}

/**
 * The rest of a running mPaaS loop: the same loop from the provider-zone day of its first run after `now`, so
 * that its startTime is today or later, as PushSimple requires (mPaaS seed). The runs before are history. Null
 * when no run is left. The loop has one run a day, so the runs from that day on are exactly the runs after `now`.
 */
export function remainingLoop(task: CompiledTask, now: number, providerZone: string): MpaasTask | null {
  if (!isLoopTask(task)) return null;
  const content = loopContent(task)!;
  const next = sendTimes(task, providerZone).find((t) => t > now);
  if (next === undefined) return null;
  const StrategyContent = { ...content, startTime: startOfDay(localDate(next, providerZone), providerZone) };
  const rest: MpaasTask = { ...task, sendAt: formatUtc(next), request: { ...task.request, StrategyContent } };
  return { ...rest, hash: taskHash(rest) };
}
