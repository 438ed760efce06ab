/**
 * Which creates go to EMAS together in one MassPushV2 call (api-facts §2.6: up to 100 PushV2 tasks of one app
 * key; only PUSH_IMMEDIATELY and SCHEDULED_PUSH; DEVICE, ACCOUNT or ALIAS targets; no SMS), within a URL size. Pure.
 */
import { behaviourOf } from "../providers/behaviour.js";
import { sha256, uuidFromDigest } from "../lib/digest.js";
import type { Operation } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import type { EmasTask } from "../model/task.js";
import { MASS_PUSH_MAX_ENCODED_BYTES, MASS_PUSH_MAX_TASKS } from "../providers/emas/limits.js";

export interface Batch {
  token: string;
  appKey: number;
  tasks: EmasTask[];
}

type Create = Extract<Operation, { kind: "create" }>;

function batchable(op: Operation): op is Create & { task: EmasTask } {
  return op.kind === "create" && behaviourOf(op.task).batchable(op.task);
}

/**
 * A task's share of the PushTasks parameter as the runtime encodes it (querystring escapes what
 * encodeURIComponent does), with its separator. JSON.stringify writes the client's key-sorted JSON's characters
 * in another order.
 */
function encodedBytes(task: EmasTask): number {
  return encodeURIComponent(JSON.stringify(task.request.PushTask)).length + encodeURIComponent(",").length;
}

/** Consecutive runs of `tasks` of at most 100 tasks and MASS_PUSH_MAX_ENCODED_BYTES each (brackets included). */
function chunksWithin(tasks: EmasTask[]): EmasTask[][] {
  const brackets = encodeURIComponent("[]").length;
  const chunks: EmasTask[][] = [];
  let size = 0;
  for (const task of tasks) {
    const bytes = encodedBytes(task);
    const last = chunks[chunks.length - 1];
    if (last && last.length < MASS_PUSH_MAX_TASKS && size + bytes <= MASS_PUSH_MAX_ENCODED_BYTES) {
      last.push(task);
      size += bytes;
    } else {
      chunks.push([task]);
      size = brackets + bytes;
    }
  }
  return chunks;
}

/** The batch's IdempotentToken: a UUID derived from its members' tokens, in order. */
export function batchToken(tasks: EmasTask[]): string {
  return uuidFromDigest(sha256(`MassPushV2\n${tasks.map((t) => t.request.IdempotentToken).join("\n")}`));
}

/**
 * Splits the operations into batches and the rest. A create resumed from a crashed batch goes back into that
 * very batch (same members, same order, same token) when every member is being resumed; new creates are grouped
 * per app key, at most 100 and MASS_PUSH_MAX_ENCODED_BYTES a call; a group of one stays a plain PushV2.
 */
export function planBatches(operations: Operation[], snapshot: StateSnapshot): { batches: Batch[]; rest: Operation[] } {
  const batches: Batch[] = [];
  const inBatch = new Set<string>();
  const creates = new Map(operations.filter(batchable).map((op) => [op.key, op]));

  const resumed = new Map<string, string[]>();
  for (const key of creates.keys()) {
    const record = snapshot.tasks[key];
    if (record?.status === "pending" && record.batch) resumed.set(record.batch.token, record.batch.keys);
  }
  for (const [token, keys] of resumed) {
    if (!keys.every((k) => creates.has(k))) continue;
    batches.push({ token, appKey: creates.get(keys[0]!)!.task.request.AppKey, tasks: keys.map((k) => creates.get(k)!.task) });
    keys.forEach((k) => inBatch.add(k));
  }
  const fresh = new Map<number, EmasTask[]>();
  for (const [key, op] of creates) {
    if (inBatch.has(key) || snapshot.tasks[key]?.status === "pending") continue;
    fresh.set(op.task.request.AppKey, [...(fresh.get(op.task.request.AppKey) ?? []), op.task]);
  }
  for (const [appKey, tasks] of fresh) {
    for (const chunk of chunksWithin(tasks)) {
      if (chunk.length < 2) continue;
      batches.push({ token: batchToken(chunk), appKey, tasks: chunk });
      chunk.forEach((t) => inBatch.add(t.key));
    }
  }
  return { batches, rest: operations.filter((op) => !inBatch.has(op.key)) };
}
