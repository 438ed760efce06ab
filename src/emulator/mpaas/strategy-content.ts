/** StrategyContent of a scheduled (StrategyType 1) or loop (2) PushSimple, checked as the mPaaS seed and api-facts §3.4 state. */
import type { Shape } from "../json-shape.js";
import type { MpaasLoop } from "../store.js";
import { BusinessError, need, parseJsonObject } from "./params.js";
import { DAY_MS, dayStart } from "./strategy.js";

/** mPaaS seed: a loop ends at most 180 days after today. */
const LOOP_MAX_DAYS = 180;
/** mPaaS seed: the loop's `time` is HH:mm:ss, a time of day. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
/** api-facts §3.4: circleValue days, weekly 1..7 (Monday..Sunday), monthly 1..31. */
const CIRCLE_DAYS: Record<2 | 3, number> = { 2: 7, 3: 31 };
/** StrategyContent keys the emulator reads, typed as the seed's table types them (long, int, int[], String). */
const FIXED: Shape = { fixedTime: "integer" };
const LOOP: Shape = { startTime: "integer", endTime: "integer", circleType: "integer", circleValue: "integer[]", time: "string" };

export type Strategy = { kind: "immediate" } | { kind: "fixed"; fixedTime: number } | { kind: "loop"; loop: MpaasLoop };

export function parseStrategy(params: Record<string, string>, now: number): Strategy {
  const strategyType = params.StrategyType || "0";
  if (strategyType === "0") return { kind: "immediate" };
  if (strategyType === "1") {
    const { fixedTime } = parseJsonObject<{ fixedTime?: number }>(need(params, "StrategyContent", "3028"), "StrategyContent", FIXED);
    if (typeof fixedTime !== "number") throw new BusinessError("3028", "StrategyContent.fixedTime is required for StrategyType 1");
    if (fixedTime <= now) throw new BusinessError("3028", "fixedTime is in the past");
    return { kind: "fixed", fixedTime };
  }
  if (strategyType === "2") return { kind: "loop", loop: parseLoop(need(params, "StrategyContent", "3028"), now) };
  throw new BusinessError("3028", `StrategyType ${strategyType} is not supported`);
}

function parseLoop(text: string, now: number): MpaasLoop {
  const loop = parseJsonObject<Partial<MpaasLoop>>(text, "StrategyContent", LOOP);
  if (typeof loop.startTime !== "number" || typeof loop.endTime !== "number" || ![1, 2, 3].includes(loop.circleType ?? 0) || typeof loop.time !== "string") {
    throw new BusinessError("3028", "a loop needs startTime, endTime, circleType and time (HH:mm:ss)");
  }
  if (!TIME_OF_DAY.test(loop.time)) throw new BusinessError("3028", `time ${loop.time} is not a time of day HH:mm:ss`);
  if (loop.circleType === 2 || loop.circleType === 3) {
    const last = CIRCLE_DAYS[loop.circleType];
    if (!loop.circleValue?.length) throw new BusinessError("3028", "a weekly or monthly loop needs circleValue");
    if (loop.circleValue.some((day) => day < 1 || day > last))
      throw new BusinessError("3028", `circleValue days run from 1 to ${last} for circleType ${loop.circleType}`);
  }
  const today = dayStart(now);
  if (loop.startTime < today || loop.endTime < today) throw new BusinessError("3028", "startTime and endTime must not be before today");
  if (loop.endTime < loop.startTime) throw new BusinessError("3028", "endTime is before startTime");
  if (dayStart(loop.endTime) > today + LOOP_MAX_DAYS * DAY_MS) throw new BusinessError("3028", `endTime is more than ${LOOP_MAX_DAYS} days after today`);
  return loop as MpaasLoop;
}
