/** When mPaaS scheduled and loop pushes run (api-facts §3.4, the mPaaS seed). */
import type { MpaasLoop, MpaasRecord } from "../store.js";

export const DAY_MS = 86_400_000;
/** The provider's zone for loop days and times: Beijing time, UTC+8 without daylight saving (api-facts §3.4). */
const ZONE_OFFSET_MS = 8 * 3_600_000;

export const dayStart = (ms: number) => Math.floor((ms + ZONE_OFFSET_MS) / DAY_MS) * DAY_MS - ZONE_OFFSET_MS;

/** The runs of a loop: `time` (Beijing) on each day from startTime's to endTime's that matches the circle. */
function loopRuns(loop: MpaasLoop): number[] {
  const [h, m, s] = loop.time.split(":").map(Number) as [number, number, number];
  const runs: number[] = [];
  for (let day = dayStart(loop.startTime); day <= dayStart(loop.endTime); day += DAY_MS) {
    const local = new Date(day + ZONE_OFFSET_MS);
    const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
    const matches =
      loop.circleType === 1 ||
      (loop.circleType === 2 && loop.circleValue?.includes(weekday)) ||
      (loop.circleType === 3 && loop.circleValue?.includes(local.getUTCDate()));
    if (matches) runs.push(day + ((h * 60 + m) * 60 + s) * 1000);
  }
  return runs;
}

export function runsOf(record: MpaasRecord): number[] {
  const all = record.loop ? loopRuns(record.loop) : record.fixedTime !== undefined ? [record.fixedTime] : [];
  return record.cancelledAt === null ? all : all.filter((t) => t <= record.cancelledAt!);
}

export function pending(record: MpaasRecord, now: number): boolean {
  return runsOf(record).some((t) => t > now);
}
