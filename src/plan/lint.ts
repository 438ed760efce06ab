/** Warnings a reviewer wants beside the plan: sends in quiet hours, titles that phones will likely cut. */
import type { CampaignInfo } from "../cli/workspace.js";
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Operation } from "../model/plan.js";
import { timeOfDayPointer, type Located } from "./located.js";

/** 22:00 to 08:00 local: a marketing push then wakes people up. */
const QUIET_FROM = 22;
const QUIET_UNTIL = 8;
/** Collapsed notifications show about this many characters of a title on common phones. */
const VISIBLE_TITLE_CHARS = 40;

export function lintOperations(operations: Operation[], campaigns: CampaignInfo[], at: Located): Diagnostic[] {
  const info = new Map(campaigns.map((c) => [c.id, c]));
  const out: Diagnostic[] = [];
  for (const op of operations) {
    if (op.kind !== "create" && op.kind !== "replace") continue;
    const zone = info.get(op.task.campaign)?.timezone ?? "UTC";
    if (op.task.sendAt) {
      const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date(op.task.sendAt)));
      if (hour >= QUIET_FROM || hour < QUIET_UNTIL) {
        const message = `${op.key} sends at ${String(hour).padStart(2, "0")}h in ${zone}, inside quiet hours (${QUIET_FROM}:00-0${QUIET_UNTIL}:00)`;
        out.push(warning("quiet-hours", message, { ...at(op.task, timeOfDayPointer(op.task)), hint: "check the time and the campaign's timezone" }));
      }
    }
    const title = op.task.provider === "emas" ? op.task.request.PushTask.Notification?.Title : op.task.request.Title;
    if (title && title.length > VISIBLE_TITLE_CHARS) {
      const message = `${op.key}: a title of ${title.length} characters is likely cut after about ${VISIBLE_TITLE_CHARS} in a collapsed notification`;
      out.push(warning("title-truncation", message, { ...at(op.task, "/notification/title"), hint: "put the point of the message first" }));
    }
  }
  return out;
}
