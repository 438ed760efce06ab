/**
 * Checks on a document's plain data that the schema does not express readably: JSON-text fields that must
 * parse, one audience per target, the shape of a schedule, ids unique across the project.
 */
import { EMAS_JSON_TEXT_FIELDS } from "../providers/emas/message.js";
import { error, pointerOf, type Diagnostic } from "../diagnostics/diagnostic.js";
import { excerpt, quoted } from "../diagnostics/excerpt.js";
import { audienceKeys, ID_LIST_KEYS } from "../model/audience.js";
import { isObject } from "../model/json.js";
import { timestamp } from "../lib/time/instant.js";

/** Fields written as a map or as JSON text: EMAS's (compiled to JSON strings) and mPaaS's JSON-string fields. */
const JSON_TEXT_FIELDS: ReadonlySet<string> = new Set([
  ...EMAS_JSON_TEXT_FIELDS,
  "imageUrls",
  "iconUrls",
  "extendedParams",
  "activityContentState",
  "smsTemplateParam",
]);
/** Fields whose JSON must be an object (EMAS seed: ExtParameters "standard JSON format"; mPaaS: a map). */
const JSON_OBJECT_FIELDS = new Set(["extParameters", "extendedParams"]);
const TARGET_KEYS = audienceKeys();
const WEEKDAYS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

type Obj = Record<string, unknown>;
const isObj = isObject;

function checkJsonText(value: unknown, path: string[], out: Diagnostic[]): void {
  if (!isObj(value)) return;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (JSON_TEXT_FIELDS.has(key) && typeof child === "string") {
      const here = [...path, key];
      try {
        const parsed: unknown = JSON.parse(child);
        if (JSON_OBJECT_FIELDS.has(key) && !isObj(parsed)) {
          out.push(
            error("json-text", `${here.join(".")} must be a JSON object, got ${Array.isArray(parsed) ? "an array" : typeof parsed}`, {
              pointer: pointerOf(...here),
              hint: 'write a map, e.g. {orderId: "123456"}',
            }),
          );
        }
      } catch (cause) {
        out.push(
          error("json-text", `${here.join(".")} is a string that is not valid JSON: ${excerpt((cause as Error).message, 80)}`, {
            pointer: pointerOf(...here),
            hint: "write a YAML map instead, or quote valid JSON text",
          }),
        );
      }
    } else if (isObj(child)) {
      // One path array for the whole walk: a copy is made only for a finding.
      path.push(key);
      checkJsonText(child, path, out);
      path.pop();
    }
  }
}

/** Inline id lists (checked here, not by the schema's uniqueItems, whose per-id object keys cost more than the rest). */
/** Repeats reported one by one in a list; beyond them, one diagnostic counts the rest (a list aliased into itself repeats thousands). */
const REPEATS_SHOWN = 10;

function checkRepeatedIds(target: Obj, out: Diagnostic[]): void {
  for (const key of ID_LIST_KEYS) {
    const list = target[key];
    if (!Array.isArray(list) || list.length < 2) continue;
    // Most lists are short: compare pairwise; a long one gets a map.
    const first = list.length > 16 ? new Map<unknown, number>() : null;
    let repeats = 0;
    for (let i = 0; i < list.length; i++) {
      let seen: number | undefined;
      if (first) {
        seen = first.get(list[i]);
        if (seen === undefined) first.set(list[i], i);
      } else {
        const at = list.indexOf(list[i]);
        if (at < i) seen = at;
      }
      if (seen === undefined) continue;
      if (++repeats <= REPEATS_SHOWN)
        out.push(
          error("target-id-repeated", `target.${key}[${i}] ${quoted(list[i])} is already listed as target.${key}[${seen}]`, {
            pointer: pointerOf("target", key, i),
            hint: "remove the repeat",
          }),
        );
    }
    if (repeats > REPEATS_SHOWN) {
      out.push(
        error("target-id-repeated", `target.${key} repeats ${(repeats - REPEATS_SHOWN).toLocaleString("en")} more ids after the ${REPEATS_SHOWN} above`, {
          pointer: pointerOf("target", key),
          hint: "list each id once",
        }),
      );
    }
  }
}

function checkTarget(target: unknown, out: Diagnostic[]): void {
  if (!isObj(target)) return;
  checkRepeatedIds(target, out);
  const audiences = TARGET_KEYS.filter((k) => target[k] !== undefined);
  if (audiences.length === 0) {
    out.push(
      error("target-audience", "target names no audience", {
        pointer: "/target",
        hint: "add exactly one of devices, accounts, aliases, tag, all: true (EMAS) or users, androidDevices, iosDevices, hmosDevices, activityTokens, activityIds (mPaaS), or a *File variant",
      }),
    );
  } else if (audiences.length > 1) {
    out.push(
      error("target-audience", `target names ${audiences.length} audiences (${audiences.join(", ")}); a campaign has exactly one`, {
        pointer: pointerOf("target", audiences[1]!),
        hint: "split it into one campaign per audience",
      }),
    );
  }
}

function checkSchedule(schedule: unknown, out: Diagnostic[]): void {
  if (!isObj(schedule)) return;
  const at = (key: string) => (schedule[key] === undefined ? "/schedule" : pointerOf("schedule", key));
  if (schedule.at !== undefined && schedule.every !== undefined) {
    out.push(error("schedule-shape", "schedule has both `at` (one-off) and `every` (a loop)", { pointer: "/schedule/every", hint: "keep one of them" }));
    return;
  }
  if (schedule.at === undefined && schedule.every === undefined) {
    out.push(
      error("schedule-shape", "schedule needs `at` (one-off) or `every` (a loop)", {
        pointer: "/schedule",
        hint: "add at: 2026-06-19T12:00:00Z, or every: day with time",
      }),
    );
    return;
  }
  if (schedule.at !== undefined) {
    for (const key of ["on", "time", "from", "until"]) {
      if (schedule[key] !== undefined)
        out.push(error("schedule-shape", `schedule.${key} belongs to loops; a one-off \`at\` does not take it`, { pointer: at(key), hint: `remove ${key}` }));
    }
    return;
  }
  if (schedule.time === undefined)
    out.push(error("schedule-shape", "a loop needs schedule.time (HH:mm:ss, local)", { pointer: "/schedule", hint: 'add time: "09:00:00"' }));
  const on = schedule.on;
  if (schedule.every === "day" && on !== undefined)
    out.push(error("schedule-shape", "a daily loop takes no `on`", { pointer: at("on"), hint: "remove on, or use every: week / month" }));
  if (schedule.every === "week" && (!Array.isArray(on) || !on.every((d) => typeof d === "string" && WEEKDAYS.has(d)))) {
    out.push(error("schedule-shape", "a weekly loop needs `on` with weekdays mon..sun", { pointer: at("on"), hint: "e.g. on: [mon, thu]" }));
  }
  if (schedule.every === "month" && (!Array.isArray(on) || !on.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 31))) {
    out.push(error("schedule-shape", "a monthly loop needs `on` with days 1..31", { pointer: at("on"), hint: "e.g. on: [1, 15]" }));
  }
  for (const key of ["from", "until"]) {
    const v = schedule[key];
    if (typeof v === "string" && !isCalendarDate(v))
      out.push(error("schedule-shape", `schedule.${key} ${v} is not a calendar date`, { pointer: at(key), hint: "YYYY-MM-DD" }));
  }
}

/** `2026-02-30` has the right form but is no day. */
function isCalendarDate(v: string): boolean {
  const ms = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(ms) && timestamp(ms).slice(0, 10) === v;
}

export function checkStructure(value: Obj): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkJsonText(value, [], out);
  checkTarget(value.target, out);
  if (value.schedule !== undefined) checkSchedule(value.schedule, out);
  return out;
}

type IdPlace = { id: string; file: string; document: number; pointer: string; line: number };

/**
 * A campaign id used twice: an error at each later place, naming the first. `elsewhere` are ids of files not
 * being checked (the rest of the project when only some paths are): a checked id that one of them uses is an
 * error at the checked place.
 */
export function checkDuplicateIds(entries: IdPlace[], elsewhere: IdPlace[] = []): Diagnostic[] {
  const first = new Map<string, { file: string; line: number }>();
  for (const entry of elsewhere) if (!first.has(entry.id)) first.set(entry.id, { file: entry.file, line: entry.line });
  const out: Diagnostic[] = [];
  for (const entry of entries) {
    const seen = first.get(entry.id);
    if (!seen) {
      first.set(entry.id, { file: entry.file, line: entry.line });
      continue;
    }
    out.push(
      error("duplicate-id", `campaign id "${entry.id}" is already used at ${seen.file}:${seen.line}`, {
        file: entry.file,
        document: entry.document,
        pointer: entry.pointer,
        hint: "ids are unique across the project: rename one of them",
      }),
    );
  }
  return out;
}
