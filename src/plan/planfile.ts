/**
 * A saved plan: reading it back, and what refuses it (OpenTofu `planfile` and `statemgr/plan.go`): a file that is
 * not a plan of this format, a plan edited after it was written, a state that moved, a send time that passed, a
 * plan applied already. Pure: the text, the state and the clock are values.
 */
import { readFileSync } from "node:fs";
import { segmentsOf } from "../diagnostics/pointer.js";
import { PLAN_FORMAT_VERSION, type Plan } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import { appliedPlan } from "../state/envelope.js";
import { validate as validatePlan } from "./generated/plan-validator.js";
import { checkIntegrity } from "./integrity.js";

type Schema = { type?: string | string[]; enum?: unknown[]; const?: unknown; "x-form"?: string; $ref?: string; properties?: Record<string, Schema> };
/** An ajv error of the standalone plan validator (built with `verbose`: the failing value and its schema kept). */
interface SchemaError {
  keyword: string;
  instancePath: string;
  params: { missingProperty?: string };
  message?: string;
  data?: unknown;
  parentSchema?: Schema;
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);
const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  null: "null",
};

type RootSchema = { required: string[]; $defs: Record<string, Schema> };
let root: RootSchema | undefined;
/** The schema itself, read once when a plan has problems (the package ships schemas/ beside dist/). */
function planSchema(): RootSchema {
  root ??= JSON.parse(readFileSync(new URL("../../schemas/plan.schema.json", import.meta.url), "utf8")) as RootSchema;
  return root;
}

/** What a schema asks for, in words: its `x-form`, its values, or its types. */
function expected(schema: Schema | undefined): string {
  const resolved = schema?.$ref ? planSchema().$defs[schema.$ref.replace("#/$defs/", "")] : schema;
  if (!resolved) return "something else";
  if (resolved["x-form"]) return resolved["x-form"];
  const values = resolved.enum ?? ("const" in resolved ? [resolved.const] : undefined);
  if (values) return values.map((v) => JSON.stringify(v)).join(" or ");
  return [resolved.type ?? "object"]
    .flat()
    .map((t) => TYPE_WORDS[t] ?? t)
    .join(" or ");
}

/** `/operations/0/task` -> `plan.operations[0].task`. */
const fieldPath = (pointer: string) =>
  `plan${segmentsOf(pointer)
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`))
    .join("")}`;

/** One ajv error in the words push uses for a field, or null for an error that only repeats another (`if`). */
function problemOf(e: SchemaError): { pointer: string; text: string } | null {
  if (e.keyword === "if") return null;
  if (e.keyword === "required") {
    const name = e.params.missingProperty!;
    const pointer = `${e.instancePath}/${name}`;
    return { pointer, text: `${fieldPath(pointer)} must be ${expected(e.parentSchema?.properties?.[name])}, not missing` };
  }
  const pointer = e.instancePath;
  if (["type", "enum", "const", "pattern"].includes(e.keyword))
    return { pointer, text: `${fieldPath(pointer)} must be ${expected(e.parentSchema)}, not ${typeName(e.data)}` };
  return { pointer, text: `${fieldPath(pointer)} ${e.message ?? "is not valid"}` };
}

/** The problems of a plan document against schemas/plan.schema.json, each once, in the order of the plan's fields. */
function shapeProblems(doc: unknown): string[] {
  if (validatePlan(doc)) return [];
  const errors = (validatePlan as unknown as { errors: SchemaError[] }).errors;
  const fields = planSchema().required;
  const rank = (pointer: string) => fields.indexOf(segmentsOf(pointer)[0] ?? "");
  const problems = errors.map(problemOf).filter((p) => p !== null);
  problems.sort((a, b) => rank(a.pointer) - rank(b.pointer));
  return [...new Set(problems.map((p) => p.text))];
}

const SHOWN = 10;

/** A plan file's text -> the plan, or why it is not one (shape problems name the field, `operations[2].task.hash`). */
export function readPlan(text: string): { plan: Plan } | { problems: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    return { problems: [`it is not JSON: ${(cause as Error).message}`] };
  }
  const version = (doc as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof doc !== "object" || doc === null || version === undefined)
    return { problems: ["it is not a push plan (no formatVersion): write one with push plan --out FILE"] };
  if (version !== PLAN_FORMAT_VERSION)
    return {
      problems: [`its formatVersion is ${JSON.stringify(version)}, and this push reads ${PLAN_FORMAT_VERSION}: run push plan --out again with this version`],
    };
  const problems = shapeProblems(doc);
  if (problems.length > SHOWN) problems.splice(SHOWN, problems.length - SHOWN, `and ${problems.length - SHOWN} more`);
  return problems.length ? { problems } : { plan: doc as Plan };
}

/** Why a plan may not be applied now: empty when it may. */
export function checkPlanApplicable(plan: Plan, snapshot: StateSnapshot, now: number): string[] {
  const reasons: string[] = [];
  const moved = plan.state.lineage !== snapshot.lineage && snapshot.serial > 0;
  if (moved) reasons.push("the plan was made against another state (lineage differs): run push plan again");
  else if (plan.state.serial !== snapshot.serial)
    reasons.push(`the state changed since the plan was made (serial ${plan.state.serial} -> ${snapshot.serial}): run push plan again`);
  if (plan.earliestSendAt && Date.parse(plan.earliestSendAt) <= now)
    reasons.push(`the plan's earliest send time ${plan.earliestSendAt} has passed: run push plan again`);
  if (snapshot.history.some((h) => appliedPlan(h) === plan.planId)) reasons.push(`plan ${plan.planId} was applied already`);
  reasons.push(...checkIntegrity(plan, moved || plan.state.serial !== snapshot.serial ? null : snapshot));
  return reasons;
}
