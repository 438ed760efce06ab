/**
 * Which creates go to EMAS together in one MassPushV2 call (api-facts §2.6: up to 100 PushV2 tasks of one app
 * key; only PUSH_IMMEDIATELY and SCHEDULED_PUSH; DEVICE, ACCOUNT or ALIAS targets; no SMS), within a URL size. Pure.
 */
import { sha256, uuidFromDigest } from "../lib/digest.js";
import type { Operation } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import type { EmasTask } from "../model/task.js";

const MASS_PUSH_MAX_TASKS = 100;
/**
 * The largest percent-encoded PushTasks parameter of one MassPushV2. api-facts §0.1: PushV2 and MassPushV2 carry
 * everything in the URL query, and no document gives the gateway's URL limit (the SDK sends a 100-task batch of
 * ~252 KB, but only a loopback server saw it). The largest single PushV2 the documents allow, 1,000 aliases of up
 * to 128 bytes (§2.3), is about 131 KB encoded; a batch under 128 KiB (plus AppKey and IdempotentToken, under
 * 100 bytes) is never larger, so batching cannot make a URL fail that one PushV2 per task would not.
 */
export const MASS_PUSH_MAX_ENCODED_BYTES = 128 * 1024;

export interface Batch {
  token: string;
  appKey: number;
  tasks: EmasTask[];
}

type Create = Extract<Operation, { kind: "create" }>;

function batchable(op: Operation): op is Create & { task: EmasTask } {
  if (op.kind !== "create" || op.task.provider !== "emas" || op.task.dependsOn) return false;
  const task = op.task.request.PushTask;
  return (task.Action === undefined || task.Action === "SCHEDULED_PUSH") && ["DEVICE", "ACCOUNT", "ALIAS"].includes(task.Target?.Type ?? "") && !task.Options?.Sms;
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
