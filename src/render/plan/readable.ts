/**
 * What a reviewer reads of a campaign in a pull-request comment (issue 13): one line per campaign (what it is, who
 * it reaches as a count, batches, platforms, when it sends in its zone and UTC, the operation), and changes as
 * readable field diffs: an audience as counts added and removed, schedule instants as dates, text before and after.
 * No id of a device, account or user is ever shown: requests are redacted to counts.
 */
import type { FieldChange, Operation } from "../../model/plan.js";
import type { CompiledTask } from "../../model/task.js";
import { plural } from "../../lib/plural.js";
import { campaignReach } from "../../plan/blast.js";
import { behaviourOf } from "../../providers/behaviour.js";

type WithTask = Extract<Operation, { task: CompiledTask }>;

const n = (count: number) => count.toLocaleString("en-US");

/** Who a campaign's sends reach, in words: `3,000 device ids`, `tag vip`, `everyone`. */
function whoOf(tasks: CompiledTask[]): { who: string; platforms: string } {
  const reach = campaignReach(tasks);
  if (reach.ids !== null) return { who: plural(reach.ids, reach.who), platforms: reach.platforms };
  return { who: reach.who === "everyone" ? "**everyone**" : `tag \`${reach.tag}\``, platforms: reach.platforms };
}

/** The one line of a campaign: its operations, what it is, who, batches, platforms and when. */
export function campaignLine(campaign: string, ops: Operation[], when: (sendAt: string | null) => string): string {
  const kinds = [...new Set(ops.map((op) => op.kind))].join(", ");
  const sending = ops.filter((op): op is WithTask => "task" in op);
  if (sending.length === 0) return `<code>${campaign}</code> · ${kinds}`;
  const task = sending[0]!.task;
  const { who, platforms } = whoOf(sending.map((op) => op.task));
  const batches = sending.length > 1 ? ` in ${sending.length} requests` : "";
  const first = sending.map((op) => op.task.sendAt).sort()[0] ?? null;
  const now = sending.some((op) => op.task.sendAt === null) && (kinds.includes("create") || kinds.includes("replace"));
  const time = now ? ":zap: **sends the moment the merge applies** (no schedule)" : when(first);
  return `<code>${campaign}</code> · **${kinds}** · ${task.api} \`${task.app}\` · ${who}${batches} · ${platforms} · ${time}`;
}

/** Milliseconds since 1970 where a request holds instants (mPaaS StrategyContent), as dates a reader knows. */
const INSTANT_FIELDS = /(?:^|\.)(startTime|endTime|fixedTime)$/;

/**
 * A replace's changes for a reader: ids as counts added and removed (the audience), instants as dates, the rest
 * as it is. `before`/`after` are the prior record's and the new task's requests.
 */
export function readableChanges(op: Extract<Operation, { kind: "replace" }>, date: (ms: number) => string): FieldChange[] {
  const asDate = (value: unknown) => (typeof value === "number" ? date(value) : value);
  const out: FieldChange[] = [];
  const was = behaviourOf(op.task).reach({ ...op.task, request: op.prior.request } as CompiledTask).target;
  const now = behaviourOf(op.task).reach(op.task).target;
  if (was.kind === "ids" && now.kind === "ids") {
    const before = new Set(was.ids);
    const after = new Set(now.ids);
    const added = now.ids.filter((id) => !before.has(id)).length;
    const removed = was.ids.filter((id) => !after.has(id)).length;
    if (added || removed)
      out.push({ path: "audience", before: plural(before.size, was.noun), after: `${plural(after.size, now.noun)} (+${n(added)}, -${n(removed)})` });
  }
  for (const change of op.changes) {
    if (/(^|\.)Target\.Value$/.test(change.path)) continue; // the audience line says it
    if (INSTANT_FIELDS.test(change.path)) out.push({ path: change.path, before: asDate(change.before), after: asDate(change.after) });
    else out.push(change);
  }
  return out;
}

/** The request a create sends, its ids replaced by counts. */
export function redactedRequest(task: CompiledTask): object {
  return behaviourOf(task).redacted(task);
}
