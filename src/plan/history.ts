/**
 * Sent tasks whose campaign changed since they were sent. History is immutable (DESIGN: a changed, sent campaign
 * is a warning, not a resend), but a campaign whose runs still to come carry the change only changed its future:
 * the sent segments of a changed loop, or the past occurrences of a changed daily send, are history, not a
 * mistake to warn about. They are listed once, in the plan that carries the change, and not again.
 */
import { warning } from "../diagnostics/diagnostic.js";
import type { Plan } from "../model/plan.js";
import type { TaskRecord } from "../model/state.js";
import type { CompiledTask } from "../model/task.js";
import { formatUtc } from "../lib/time/index.js";
import { at } from "./located.js";
import { sendTimes } from "../providers/mpaas/loop.js";

export interface SentChange {
  task: CompiledTask;
  record: TaskRecord;
}

export interface Ahead {
  /** Campaigns with a create or replace in this plan: the change goes out now. */
  carried: Set<string>;
  /** Campaigns with a task still to come that matches them already (applied earlier) or waits (deferred). */
  current: Set<string>;
}

/** `zone`: the provider zone of an app, for the last run of a loop. */
export function sentHistory(sent: SentChange[], ahead: Ahead, zone: (app: string) => string): Pick<Plan, "alreadySent" | "diagnostics"> {
  const out: Pick<Plan, "alreadySent" | "diagnostics"> = { alreadySent: [], diagnostics: [] };
  for (const { task, record } of sent) {
    const carried = ahead.carried.has(task.campaign);
    if (!carried && ahead.current.has(task.campaign)) continue;
    const runs = sendTimes(record, zone(record.app));
    const last = runs.length ? formatUtc(runs[runs.length - 1]!) : null;
    out.alreadySent.push({ key: task.key, sendAt: last });
    if (carried) continue;
    const sentAt = `${runs.length > 1 ? "last sent" : "sent"} ${last === null ? "when applied" : `at ${last}`}`;
    const hint = "give the campaign a new id to send the new version; this warning repeats on every plan until the campaign matches what was sent";
    out.diagnostics.push(warning("already-sent", `${task.key} changed, but it was ${sentAt}: history is not resent`, { ...at(task, "/id"), hint }));
  }
  return out;
}
