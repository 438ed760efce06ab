/**
 * `protect: true` (DESIGN: a protected campaign cannot be cancelled or replaced until that line is removed). The
 * state records it per task, so a cancel stays blocked once the campaign file, and the line with it, is deleted;
 * adding or removing the line is a state-only operation, applied like any other.
 */
import type { Operation, Plan } from "../model/plan.js";
import type { TaskRecord } from "../model/state.js";

export function protection(record: TaskRecord, protect: boolean): Operation {
  const reason = protect
    ? "protect: true added: recorded, so that deleting the campaign cannot cancel it"
    : "protect line removed: push may cancel or replace it again";
  return { kind: "protect", key: record.key, prior: record, protect, reason };
}

/** Why a cancel of a recorded task is blocked, or null. `onCampaign`: the campaign's own line, when it still exists. */
export function blockedCancel(record: TaskRecord, onCampaign: boolean | undefined): Plan["blocked"][number] | null {
  if (onCampaign === true)
    return { key: record.key, kind: "cancel", reason: `protect: true on campaign ${record.campaign}: remove the line to let push cancel it` };
  if (onCampaign === undefined && record.protect) {
    const reason = `protect: true is recorded in state: to cancel it, restore the campaign without its protect line and apply, then delete it (or forget it with push state rm ${record.key}; the provider keeps the task)`;
    return { key: record.key, kind: "cancel", reason };
  }
  return null;
}
