import type { LoopSpec, MpaasStrategy } from "./api.js";
import { dayOfMonth, formatTimeOfDay, parseTimeOfDay, weekday } from "./calendar.js";
import { allRuns } from "./occurrences.js";
import { localDay, localSeconds, zonedInstant } from "./offsets.js";

type Loop = Extract<MpaasStrategy, { kind: "loop" }>;
const CIRCLE_TYPE = { day: 1, week: 2, month: 3 } as const;

/**
 * The provider's reading of a strategy (mPaaS seed, StrategyContent): a loop runs at `time` in the provider's
 * zone on each day from startTime's day to endTime's day that matches circleType/circleValue; a monthly day
 * that a month lacks has no run. A fixed strategy runs once.
 */
export function loopRuns(strategy: MpaasStrategy, providerZone: string): number[] {
  if (strategy.kind === "fixed") return [strategy.fixedTime];
  const last = localDay(strategy.endTime, providerZone);
  const seconds = parseTimeOfDay(strategy.time);
  if (seconds === null) throw new Error(`internal error: a StrategyContent time "${strategy.time}" is not HH:mm:ss`);
  const values = new Set(strategy.circleValue ?? []);
  const runs: number[] = [];
  for (let d = localDay(strategy.startTime, providerZone); d <= last; d++) {
    const matches =
      strategy.circleType === 1 || (strategy.circleType === 2 && values.has(weekday(d))) || (strategy.circleType === 3 && values.has(dayOfMonth(d)));
    if (matches) runs.push(zonedInstant(d, seconds, providerZone));
  }
  return runs;
}

interface ProviderRun {
  at: number;
  /** The provider-zone epoch day of the run. */
  day: number;
  /** Its provider-zone time, `HH:mm:ss`. */
  time: string;
}

function candidate(runs: ProviderRun[], every: LoopSpec["every"], providerZone: string): Loop {
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  const loop: Loop = {
    kind: "loop",
    startTime: zonedInstant(first.day, 0, providerZone),
    endTime: zonedInstant(last.day, 0, providerZone),
    circleType: CIRCLE_TYPE[every],
    time: first.time,
    firstRun: first.at,
    lastRun: last.at,
  };
  if (every !== "day") {
    loop.circleValue = [...new Set(runs.map((r) => (every === "week" ? weekday(r.day) : dayOfMonth(r.day))))].sort((a, b) => a - b);
  }
  return loop;
}

function reproduces(loop: Loop, runs: ProviderRun[], providerZone: string): boolean {
  const generated = loopRuns(loop, providerZone);
  return generated.length === runs.length && generated.every((t, i) => t === runs[i]!.at);
}

/**
 * The mPaaS strategies whose runs are exactly the loop's runs in `zone`, expressed in `providerZone`: runs that
 * fall on another provider-zone day move their circleValue and days with them; a change of provider-zone time
 * (a DST transition) starts a new loop; runs that no loop can reproduce (a monthly shift across a month end)
 * become fixed-time tasks. Every loop is checked by regenerating its runs.
 */
export function mpaasStrategies(loop: LoopSpec, zone: string, providerZone: string): readonly MpaasStrategy[] {
  if (!loop.until) throw new Error("mpaasStrategies: an mPaaS loop needs `until` (checked by the mpaas-loop-window rule)");
  // Campaigns of a project share their loops (the same days and hours, other texts): each is worked out once.
  const key = `${loop.every}|${loop.on?.join(",") ?? ""}|${loop.time}|${loop.from}|${loop.until}|${zone}|${providerZone}`;
  let found = solved.get(key);
  if (!found) {
    if (solved.size >= SOLVED_MAX) solved.clear();
    found = deepFreeze(solve(loop, loop.until, zone, providerZone));
    solved.set(key, found);
  }
  return found;
}

/** Strategies already worked out, by loop, zone and provider zone; frozen, as every task of those loops shares them. */
const solved = new Map<string, readonly MpaasStrategy[]>();
const SOLVED_MAX = 4_096;

function deepFreeze(strategies: MpaasStrategy[]): readonly MpaasStrategy[] {
  for (const s of strategies) {
    if (s.kind === "loop" && s.circleValue) Object.freeze(s.circleValue);
    Object.freeze(s);
  }
  return Object.freeze(strategies);
}

function solve(loop: LoopSpec, until: string, zone: string, providerZone: string): MpaasStrategy[] {
  const runs: ProviderRun[] = allRuns({ ...loop, until }, zone).map((at) => ({
    at,
    day: localDay(at, providerZone),
    time: formatTimeOfDay(localSeconds(at, providerZone)),
  }));
  const strategies: MpaasStrategy[] = [];
  let i = 0;
  while (i < runs.length) {
    // The whole rest at this time of day first (the common case: one loop), else the longest prefix that works.
    let end = i;
    while (end + 1 < runs.length && runs[end + 1]!.time === runs[i]!.time) end++;
    let best: Loop | null = null;
    let bestEnd = i;
    const whole = candidate(runs.slice(i, end + 1), loop.every, providerZone);
    if (end > i && reproduces(whole, runs.slice(i, end + 1), providerZone)) {
      best = whole;
      bestEnd = end;
    } else {
      for (let j = i + 1; j <= end; j++) {
        const c = candidate(runs.slice(i, j + 1), loop.every, providerZone);
        if (!reproduces(c, runs.slice(i, j + 1), providerZone)) break;
        best = c;
        bestEnd = j;
      }
    }
    if (best) {
      strategies.push(best);
      i = bestEnd + 1;
    } else {
      strategies.push({ kind: "fixed", fixedTime: runs[i]!.at });
      i++;
    }
  }
  return strategies;
}
