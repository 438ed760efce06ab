/** The coming sends a plan lists per changed campaign. Pure. */
import { formatUtc } from "../lib/time/index.js";
import { sendTimes } from "../providers/mpaas/loop.js";
import type { Operation, Plan } from "../model/plan.js";
import type { CompiledTask } from "../model/task.js";

/** How many coming sends a plan lists per campaign: enough to check a schedule at a glance. */
const NEXT_SENDS = 5;

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
  return [...runs].flatMap(([campaign, times]) =>
    times.length
      ? [
          {
            campaign,
            at: [...new Set(times)]
              .sort((a, b) => a - b)
              .slice(0, NEXT_SENDS)
              .map(formatUtc),
          },
        ]
      : [],
  );
}
