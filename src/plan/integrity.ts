/**
 * What lets apply trust a plan file: each task's content hash, recomputed as the compiler computes it, and the
 * plan's digest over everything else (its `planId`). Both are plain digests, not signatures: they catch a plan
 * edited after review, by hand or by a tool, not an attacker who can also recompute them.
 */
import { canonicalJson, sha256 } from "../lib/digest.js";
import { behaviourOf } from "../providers/behaviour.js";
import type { Plan } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import type { CompiledTask } from "../model/task.js";

/** A task's content hash from its request, as compile makes it (the provider's function). */
export function taskHash(task: CompiledTask): string {
  return behaviourOf(task).contentHash(task);
}

/** The plan's id: a digest of the rest of the plan, in canonical form (key order does not matter). */
export function planDigest(body: Omit<Plan, "planId">): string {
  return sha256(canonicalJson(body)).slice(0, 16);
}

/**
 * Why a plan's content cannot be trusted: empty when every digest matches and every prior is the state's record
 * (`snapshot` null: the state moved since the plan, which is refused for that already).
 */
export function checkIntegrity(plan: Plan, snapshot: StateSnapshot | null): string[] {
  const problems: string[] = [];
  const { planId, ...body } = plan;
  if (planDigest(body) !== planId) problems.push(`the plan's content does not match its id ${planId}: it was changed after push plan wrote it`);
  plan.operations.forEach((op, i) => {
    if ("task" in op && taskHash(op.task) !== op.task.hash) {
      problems.push(`operations[${i}] (${op.kind} ${op.key}): the task's request does not match its hash: it was changed after push plan wrote it`);
    }
    // A prior is a copy of the state's record at the plan's serial: apply acts on the record, never on the copy.
    const recorded = op.kind === "move" ? op.from : op.key;
    if (snapshot && "prior" in op && canonicalJson(op.prior) !== canonicalJson(snapshot.tasks[recorded] ?? null)) {
      problems.push(`operations[${i}] (${op.kind} ${op.key}): its prior record is not the state's record of ${op.key}`);
    }
  });
  return problems;
}
