/**
 * A saved plan: reading it back, and what refuses it (OpenTofu `planfile` and `statemgr/plan.go`): a file that is
 * not a plan of this format, a plan edited after it was written, a state that moved, a send time that passed, a
 * plan applied already. Pure: the text, the state and the clock are values.
 */
import { isObject } from "../model/json.js";
import { PLAN_FORMAT_VERSION, type Plan } from "../model/plan.js";
import type { StateSnapshot } from "../model/state.js";
import { appliedPlan } from "../state/envelope.js";
import { checkIntegrity } from "./integrity.js";

type Shape = (value: unknown, path: string, problems: string[]) => void;

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`);
const is =
  (test: (v: unknown) => boolean, expected: string): Shape =>
  (v, path, problems) => {
    if (!test(v)) problems.push(`${path} must be ${expected}, not ${v === undefined ? "missing" : typeName(v)}`);
  };
const str = is((v) => typeof v === "string", "a string");
const int = is((v) => Number.isInteger(v), "a whole number");
const bool = is((v) => typeof v === "boolean", "true or false");
const strOrNull = is((v) => v === null || typeof v === "string", "a string or null");
const oneOf = (...values: string[]) => is((v) => values.includes(v as string), values.map((x) => `"${x}"`).join(" or "));
const optional =
  (shape: Shape): Shape =>
  (v, path, problems) =>
    v === undefined || shape(v, path, problems);
const list =
  (item?: Shape): Shape =>
  (v, path, problems) => {
    if (!Array.isArray(v)) return is(() => false, "an array")(v, path, problems);
    if (item) v.forEach((x, i) => item(x, `${path}[${i}]`, problems));
  };
const object =
  (fields: Record<string, Shape>): Shape =>
  (v, path, problems) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return is(() => false, "an object")(v, path, problems);
    for (const [key, shape] of Object.entries(fields)) shape((v as Record<string, unknown>)[key], `${path}.${key}`, problems);
  };

const messageKeys = is((v) => isObject(v) && Object.values(v).every((k) => typeof k === "string"), "an object of message keys");
/** Of a request, what apply reads before it sends: the task's hash covers the rest. */
const REQUESTS: Record<string, Shape> = {
  emas: object({ AppKey: int, IdempotentToken: str, PushTask: object({}) }),
  mpaas: object({ AppId: str, WorkspaceId: str, TargetMsgkey: messageKeys }),
};
const taskFields = {
  key: str,
  campaign: str,
  app: str,
  provider: oneOf("emas", "mpaas"),
  api: str,
  sendAt: strOrNull,
  hash: str,
  source: object({ file: str, line: int }),
  dependsOn: optional(str),
};
const task: Shape = (v, path, problems) => {
  const provider = (v as { provider?: unknown } | null)?.provider;
  object({ ...taskFields, ...(typeof provider === "string" && REQUESTS[provider] ? { request: REQUESTS[provider] } : {}) })(v, path, problems);
};
const record = object({
  key: str,
  campaign: str,
  provider: oneOf("emas", "mpaas"),
  app: str,
  appRef: object({}),
  remoteId: strOrNull,
  hash: str,
  status: str,
  request: object({}),
});
const sends = { task, generation: optional(int), compiledHash: optional(str), protect: optional(bool), timezone: optional(str) };
const OPERATIONS: Record<string, Record<string, Shape>> = {
  create: sends,
  replace: { ...sends, prior: record, changes: list() },
  cancel: { prior: record },
  protect: { prior: record, protect: bool },
};
const operation: Shape = (v, path, problems) => {
  const kind = (v as { kind?: unknown } | null)?.kind;
  const fields = typeof kind === "string" ? OPERATIONS[kind] : undefined;
  if (!fields) return object({ kind: oneOf(...Object.keys(OPERATIONS)) })(v, path, problems);
  object({ key: str, reason: str, ...fields })(v, path, problems);
};
const plan = object({
  planId: is((v) => typeof v === "string" && /^[0-9a-f]{16}$/.test(v), "16 hex digits"),
  createdAt: str,
  state: object({ lineage: str, serial: int }),
  environment: object({ name: strOrNull, endpoint: strOrNull, region: str, digest: str }),
  earliestSendAt: strOrNull,
  operations: list(operation),
  ...Object.fromEntries(
    ["unchanged", "alreadySent", "deferred", "deferredOccurrences", "nextSends", "drift", "unmanaged", "blocked", "campaigns", "diagnostics"].map((k) => [
      k,
      list(),
    ]),
  ),
  summary: object({ create: int, replace: int, cancel: int, protect: int, unchanged: int }),
});

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
  const problems: string[] = [];
  plan(doc, "plan", problems);
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
