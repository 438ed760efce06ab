import type { PushTask } from "../../model/task.js";
import { compareModelNames } from "../model-order.js";

/**
 * A PushTask as the SDK writes it on the wire (api-facts §1.6): one JSON string, no whitespace, keys at every level
 * in the order of the generated model's `names()`. `Options.MessageId` is a digit string in push (EMAS ids exceed
 * 2^53) and is written as a bare JSON number without passing through a JavaScript number.
 */
export function encodePushTask(task: PushTask): string {
  return sortedJson(task, []);
}

function sortedJson(value: unknown, path: string[]): string {
  if (Array.isArray(value)) return `[${value.map((v) => sortedJson(v, path)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => compareModelNames(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${isMessageId(path, k, v) ? v : sortedJson(v, [...path, k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function isMessageId(path: string[], key: string, value: unknown): value is string {
  if (path.length !== 1 || path[0] !== "Options" || key !== "MessageId") return false;
  if (typeof value !== "string" || !/^\d+$/.test(value)) throw new Error(`Options.MessageId must be a digit string, got ${JSON.stringify(value)}`);
  return true;
}
