/** Whether a parsed state file is a state this push can use, and if not, what is wrong with it, in words. Pure. */
import { isObject } from "../model/json.js";
import { STATE_FORMAT_VERSION, type HistoryEntry } from "../model/state.js";
const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `a ${typeof value}`);

/** null when `value` is a usable snapshot; else what is wrong. */
export function envelopeProblem(value: unknown): string | null {
  if (!isObject(value)) return `it holds ${kindOf(value)}, not a state object`;
  const missing = ["version", "lineage", "serial", "tasks", "history"].filter((k) => !(k in value));
  if (missing.length === 5) return "it is an object without any of the state's fields (version, lineage, serial, tasks, history)";
  if (typeof value.version === "number" && value.version > STATE_FORMAT_VERSION) {
    return `it is state format version ${value.version}, written by a newer push; this push reads version ${STATE_FORMAT_VERSION}: upgrade push`;
  }
  if (missing.length) return `it lacks ${missing.join(", ")}`;
  if (value.version !== STATE_FORMAT_VERSION) return `its version is ${JSON.stringify(value.version)}, not a state format version (${STATE_FORMAT_VERSION})`;
  if (typeof value.lineage !== "string" || !value.lineage) return `its lineage is ${kindOf(value.lineage)}, not a non-empty string`;
  if (!Number.isSafeInteger(value.serial) || (value.serial as number) < 0) return `its serial is ${JSON.stringify(value.serial)}, not a whole number`;
  if (!isObject(value.tasks)) return `its tasks are ${kindOf(value.tasks)}, not an object of task records`;
  for (const [key, record] of Object.entries(value.tasks)) {
    if (!isObject(record) || record.key !== key || typeof record.status !== "string" || typeof record.provider !== "string")
      return `its task "${key}" is not a task record (key, provider, status)`;
  }
  if (!Array.isArray(value.history)) return `its history is ${kindOf(value.history)}, not a list`;
  return null;
}

/** The plan a history entry carried out: its `plan`, or for entries written before that field, read from `command`. */
export function appliedPlan(entry: HistoryEntry): string | undefined {
  return entry.plan ?? /^apply (\S+)$/.exec(entry.command)?.[1];
}
