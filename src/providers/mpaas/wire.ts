/**
 * mPaaS's JSON-text parameters, `StrategyContent` and `TargetMsgkey`: data inside push, text only on the wire.
 * The one place their text is made (the request encoder, the content hash and `push compile`'s output call
 * `wireRequest`) and read back (a record written before they were data, by `requestFromRecord`).
 */
import { isObject } from "../../model/json.js";
import type { FixedStrategyContent, LoopStrategyContent, PushSimpleRequest } from "../../model/task.js";

/** `PushSimpleRequest` as the API takes it: StrategyContent and TargetMsgkey as JSON text. */
export type PushSimpleWire = Omit<PushSimpleRequest, "StrategyContent" | "TargetMsgkey"> & { StrategyContent?: string; TargetMsgkey: string };

/** StrategyContent's text, its keys in the seed's order (the content hash depends on it). */
function strategyText(content: FixedStrategyContent | LoopStrategyContent): string {
  if ("fixedTime" in content) return JSON.stringify({ fixedTime: content.fixedTime });
  const { startTime, endTime, circleType, circleValue, time } = content;
  return JSON.stringify({ startTime, endTime, circleType, ...(circleValue ? { circleValue } : {}), time });
}

/** The request as the API takes it. */
export function wireRequest(request: PushSimpleRequest): PushSimpleWire {
  // A copy with two fields replaced (a spread of the whole object is V8's fast clone; a rest pattern is not).
  const wire = { ...request } as unknown as PushSimpleWire;
  if (request.StrategyContent) wire.StrategyContent = strategyText(request.StrategyContent);
  wire.TargetMsgkey = JSON.stringify(request.TargetMsgkey);
  return wire;
}

/** A loop's StrategyContent, else null. */
export function loopStrategy(request: PushSimpleRequest): LoopStrategyContent | null {
  return request.StrategyType === 2 && request.StrategyContent && !("fixedTime" in request.StrategyContent) ? request.StrategyContent : null;
}

/**
 * A request recorded in state: records written before StrategyContent and TargetMsgkey were data hold their text,
 * read here once. A value that is neither is a damaged record: an internal error that names it.
 */
export function requestFromRecord(request: PushSimpleRequest | PushSimpleWire): PushSimpleRequest {
  const { StrategyContent, TargetMsgkey } = request;
  if (typeof StrategyContent !== "string" && typeof TargetMsgkey !== "string") return request as PushSimpleRequest;
  return {
    ...(request as PushSimpleRequest),
    ...(StrategyContent !== undefined ? { StrategyContent: parsed(StrategyContent, "StrategyContent") as FixedStrategyContent | LoopStrategyContent } : {}),
    TargetMsgkey: parsed(TargetMsgkey, "TargetMsgkey") as Record<string, string>,
  };
}

function parsed(value: unknown, name: string): object {
  const data = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!isObject(data)) throw new Error(`internal error: a recorded mPaaS request's ${name} is not a JSON object: ${String(value).slice(0, 80)}`);
  return data;
}
