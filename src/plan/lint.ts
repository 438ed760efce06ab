/**
 * Warnings a reviewer wants beside the plan: sends in quiet hours, titles that phones will likely cut. One per
 * campaign and rule, however many of its occurrences and platform tasks it concerns: one mistake, one warning.
 */
import { behaviourOf } from "../providers/behaviour.js";
import type { CampaignInfo } from "../model/campaign.js";
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Operation } from "../model/plan.js";
import type { CompiledTask } from "../model/task.js";
import { collapsedView, type CollapsedView, type Platform } from "./collapsed-text.js";
import { timeOfDayPointer, type Located } from "./located.js";

/** 22:00 to 08:00 local: a marketing push then wakes people up. */
const QUIET_FROM = 22;
const QUIET_UNTIL = 8;

interface Finding {
  task: CompiledTask;
  /** What is wrong with the first task found, in words that fit after its key or its campaign's id. */
  detail: string;
  count: number;
}

type Rule = "quiet-hours" | "title-truncation";

const HINTS: Record<Rule, string> = { "quiet-hours": "check the time and the campaign's timezone", "title-truncation": "put the point of the message first" };

const PLATFORMS = { IOS: "ios", ANDROID: "android", HMOS: "hmos" } as const satisfies Record<string, Platform>;

/** The collapsed title on the platform that shows least of it, among those the task reaches (mPaaS: all three). */
function narrowestView(title: string, task: CompiledTask): CollapsedView {
  const named = behaviourOf(task).namedPlatform(task);
  const platforms: Platform[] = named ? [PLATFORMS[named]] : ["ios", "android", "hmos"];
  return platforms.map((p) => collapsedView(title, p, "title")).reduce((a, b) => (b.shownChars < a.shownChars ? b : a));
}

export function lintOperations(operations: Operation[], campaigns: CampaignInfo[], at: Located): Diagnostic[] {
  const info = new Map(campaigns.map((c) => [c.id, c]));
  const found = new Map<string, Finding & { rule: Rule }>();
  const note = (rule: Rule, task: CompiledTask, detail: string) => {
    const id = `${task.campaign}\0${rule}`;
    const seen = found.get(id);
    if (seen) seen.count++;
    else found.set(id, { rule, task, detail, count: 1 });
  };
  for (const op of operations) {
    if (op.kind !== "create" && op.kind !== "replace") continue;
    const zone = info.get(op.task.campaign)?.timezone ?? "UTC";
    if (op.task.sendAt) {
      const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date(op.task.sendAt)));
      if (hour >= QUIET_FROM || hour < QUIET_UNTIL)
        note("quiet-hours", op.task, `sends at ${String(hour).padStart(2, "0")}h in ${zone}, inside quiet hours (${QUIET_FROM}:00-0${QUIET_UNTIL}:00)`);
    }
    const title = behaviourOf(op.task).notificationTitle(op.task);
    const view = title ? narrowestView(title, op.task) : null;
    if (title && view?.cut)
      note(
        "title-truncation",
        op.task,
        `a title of ${[...title].length} characters is likely cut after about ${view.shownChars} characters in a collapsed notification`,
      );
  }
  return [...found.values()].map(({ rule, task, detail, count }) => {
    const subject = count === 1 ? task.key : `${task.campaign} (${count} tasks, the first ${task.key})`;
    const message = `${subject}${rule === "title-truncation" ? ":" : ""} ${detail}`;
    const pointer = rule === "quiet-hours" ? timeOfDayPointer(task) : "/notification/title";
    return warning(rule, message, { ...at(task, pointer), hint: HINTS[rule] });
  });
}
