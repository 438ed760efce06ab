/** What a create or a replace sends for a compiled task: the task with the idempotency values of its generation. Pure. */
import { idempotentToken, messageKey } from "../compile/hash.js";
import type { CompiledTask } from "../model/task.js";

/**
 * The task with the idempotency values of `generation`: the compiled ones at 0, and after that values derived
 * from the compiled ones and the generation, so each create of a key has values of its own. EMAS answers a
 * repeated IdempotentToken with the earlier task (for 15 minutes) and mPaaS refuses a repeated message key: a
 * re-create after a cancel would otherwise get back the cancelled task, or nothing.
 */
export function withGeneration(task: CompiledTask, generation: number): CompiledTask {
  if (generation === 0) return task;
  const salt = `generation ${generation}`;
  if (task.provider === "emas") return { ...task, request: { ...task.request, IdempotentToken: idempotentToken(task.request.IdempotentToken, salt) } };
  const targets = Object.entries(JSON.parse(task.request.TargetMsgkey) as Record<string, string>);
  const TargetMsgkey = JSON.stringify(Object.fromEntries(targets.map(([target, key]) => [target, messageKey(key, salt, target)])));
  return { ...task, request: { ...task.request, TargetMsgkey } };
}
