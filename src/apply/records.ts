/** The state records apply writes for the tasks it sends. */
import type { Sends } from "../model/plan.js";
import type { TaskRecord } from "../model/state.js";
import { appRefOf, behaviourOf } from "../providers/behaviour.js";
import type { CompiledTask } from "../model/task.js";
import { timestamp } from "../lib/time/instant.js";

/** `task` as sent by an operation, recorded with `status`; `prior` is the record it takes the place of. */
export function recordOf(
  task: CompiledTask,
  sends: Omit<Sends, "task">,
  status: TaskRecord["status"],
  remoteId: string | null,
  now: number,
  prior?: TaskRecord,
): TaskRecord {
  const at = timestamp(now);
  return {
    key: task.key,
    campaign: task.campaign,
    provider: task.provider,
    app: task.app,
    appRef: appRefOf(task),
    remoteId,
    // The compiled task's hash, which later plans compare against (the task sent may be the rest of a loop).
    hash: sends.compiledHash ?? task.hash,
    sendAt: task.sendAt,
    status,
    idempotencyKey: behaviourOf(task).idempotencyKey(task),
    ...(sends.generation ? { generation: sends.generation } : {}),
    request: task.request,
    ...(sends.protect ? { protect: true } : {}),
    ...(sends.timezone ? { timezone: sends.timezone } : {}),
    origin: "push",
    createdAt: prior?.createdAt ?? at,
    updatedAt: at,
  };
}

/** A record with `protect` set or cleared: a state-only change. */
export function withProtection(record: TaskRecord, protect: boolean, now: number): TaskRecord {
  const { protect: _was, ...rest } = record;
  return { ...rest, ...(protect ? { protect: true } : {}), updatedAt: timestamp(now) };
}

/** A task sent when applied expires `ttl` after it is sent, not after it was planned. */
export function freshExpiry<T extends CompiledTask>(task: T, now: number): T {
  return behaviourOf(task).atSend(task, now);
}
