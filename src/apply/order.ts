/** The order apply carries a plan out in. */
import type { Operation } from "../model/plan.js";
import { planBatches, type Batch } from "./batch.js";
import type { Run } from "./run.js";

/**
 * Cancels first (the plan lists them first), then MassPushV2 batches where the provider sends them, then the
 * other operations in order; without submitBatch, the batches' creates go one by one at the end.
 */
export async function orderOperations(run: Run): Promise<Array<Operation | Batch>> {
  const { input } = run;
  const { batches, rest } = planBatches(input.plan.operations, await input.backend.read());
  const cancelsFirst = rest.filter((op) => op.kind === "cancel");
  const others = rest.filter((op) => op.kind !== "cancel");
  const ordered: Array<Operation | Batch> = [...cancelsFirst, ...(input.providers.emas.submitBatch ? batches : []), ...others];
  if (!input.providers.emas.submitBatch) ordered.push(...batches.flatMap((b) => b.tasks.map((task): Operation => run.sendingOps.get(task.key)!)));
  return ordered;
}
