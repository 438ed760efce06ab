/**
 * When a campaign is sent, in its own zone: the compiled `sendAt` of a one-off; for an mPaaS loop, the runs the
 * provider reads from each task's StrategyContent; for an EMAS loop (one task per run within the 7-day window),
 * the loop's occurrences as compile counts them, those without a task marked as deferred to a later apply.
 */
import { loopSpec } from "../../compile/schedule.js";
import { behaviourOf } from "../../providers/behaviour.js";
import { formatUtc, localDate, loopRuns, occurrences, startOfDay } from "../../lib/time/index.js";
import { temporal } from "../../lib/time/temporal.js";
import type { Schedule } from "../../model/campaign.js";
import type { CompiledTask } from "../../model/task.js";
import { loopContent } from "../../providers/mpaas/loop.js";
import type { CampaignInput, SchedulePreview, Send } from "./document.js";

/** Months of a loop's calendar, from the month of its next send. */
const CALENDAR_MONTHS = 3;

function sendOf(epochMs: number, zone: string, deferred: boolean): Send {
  const local = temporal().Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
  return {
    at: formatUtc(epochMs),
    date: local.toPlainDate().toString(),
    time: local.toPlainTime().toString({ smallestUnit: "second" }),
    offset: local.offset,
    deferred,
  };
}

/** The last instant of the calendar that starts with the month of `first`. */
function calendarEnd(first: number, zone: string): number {
  const [year, month] = localDate(first, zone).split("-").map(Number) as [number, number];
  const index = year * 12 + month - 1 + CALENDAR_MONTHS;
  const next = `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
  return startOfDay(next, zone) - 1;
}

/** mPaaS: every run of the campaign's strategies (loops and fixed times), as the provider reads them. */
function mpaasRuns(tasks: CompiledTask[], providerZone: string): number[] {
  const runs = new Set<number>();
  for (const task of tasks) {
    const content = loopContent(task);
    if (content) loopRuns({ kind: "loop", ...content, firstRun: 0, lastRun: 0 }, providerZone).forEach((t) => runs.add(t));
    else if (task.sendAt) runs.add(Date.parse(task.sendAt));
  }
  return [...runs].sort((a, b) => a - b);
}

function loopPreview(input: CampaignInput & { schedule: Schedule }, now: number, providerZone: string | undefined): SchedulePreview {
  const zone = input.info.timezone;
  const { schedule } = input;
  const base = {
    kind: "loop" as const,
    every: schedule.every!,
    on: schedule.on ?? [],
    time: schedule.time!,
    from: schedule.from ?? null,
    until: schedule.until ?? null,
  };
  if (input.info.provider === "mpaas") {
    if (providerZone === undefined) throw new Error(`scheduleOf: no provider zone for the mPaaS app "${input.info.app}" of campaign ${input.info.id}`);
    const runs = mpaasRuns(input.tasks, providerZone);
    const coming = runs.filter((t) => t >= now);
    const end = coming.length ? calendarEnd(coming[0]!, zone) : now;
    const shown = coming.filter((t) => t <= end);
    return { ...base, sends: shown.map((t) => sendOf(t, zone, false)), past: runs.length - coming.length, later: coming.length - shown.length };
  }
  const spec = loopSpec(schedule, localDate(now, zone));
  const next = occurrences(spec, zone, now, now);
  const first = next.within[0] ?? next.nextLater;
  const past = occurrences(spec, zone, startOfDay(spec.from, zone), now - 1).within.length;
  if (first === null) return { ...base, sends: [], past, later: 0 };
  const window = occurrences(spec, zone, now, calendarEnd(first, zone));
  const scheduled = new Set(input.tasks.map((t) => t.sendAt));
  const sends = window.within.map((t) => sendOf(t, zone, !scheduled.has(formatUtc(t))));
  return { ...base, sends, past, later: window.later };
}

export function scheduleOf(input: CampaignInput, now: number, providerZone: string | undefined): SchedulePreview {
  const { schedule } = input;
  if (schedule?.every) return loopPreview({ ...input, schedule }, now, providerZone);
  // A one-off beyond EMAS's window has no task yet (compile defers it): its send is the later compile's.
  const sendAt = [...input.tasks, ...(input.laterTasks ?? [])].find((t) => t.sendAt !== null)?.sendAt;
  if (!schedule?.at || !sendAt) return { kind: "applied" };
  const at = Date.parse(sendAt);
  // EMAS takes a scheduled push at most 7 days ahead: plan holds a later one as deferred until then.
  const horizon = behaviourOf(input.info).scheduleHorizonMs;
  const deferred = horizon !== null && at > now + horizon;
  return { kind: "once", send: sendOf(at, input.info.timezone, deferred), past: at < now };
}
