/** Form parameters of the mPaaS actions and their business failures (api-facts §3.2, §3.11). */
import { shapeMismatch, type Shape } from "../json-shape.js";

/** A business failure: HTTP 200 with a result code (api-facts §3.2). */
export class BusinessError extends Error {
  constructor(
    readonly resultCode: string,
    message: string,
  ) {
    super(message);
  }
}

export function need(params: Record<string, string>, name: string, code: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw new BusinessError(code, `${name} is required`);
  return value;
}

/** A non-negative integer parameter (a Long or Integer in the SDK): its digits, else 3028 INVALID_PARAM. */
export function digits(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new BusinessError("3028", `${name} must be an integer, not ${value}`);
  return Number(value);
}

/** A JSON-object parameter (TargetMsgkey, StrategyContent, …) whose fields have `shape`'s types, else 3028 INVALID_PARAM. */
export function parseJsonObject<T>(text: string, name: string, shape: Shape = {}): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BusinessError("3028", `${name} is not valid JSON`);
  }
  const mismatch = shapeMismatch(value, shape, name);
  if (mismatch) throw new BusinessError("3028", mismatch);
  return value as T;
}
