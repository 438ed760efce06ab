/**
 * Which of ajv's errors (allErrors mode) a user should see: one per mistake. An `anyOf` is explained by the
 * branch whose type the value has (`ttl: abc` is a duration of the wrong form, not a value of the wrong type),
 * and a value with several broken keywords (`""`: too short and off-pattern) reports its most basic one.
 */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Keywords about a value itself, most basic first; others (required, additionalProperties...) all stand. */
const VALUE_KEYWORDS = [
  "type",
  "enum",
  "const",
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "uniqueItems",
];

export function parentPath(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf("/"));
}

/** The errors of each anyOf replaced by those of its best branch, or by itself when no branch has the value's type. */
function explainAnyOf(errors: AjvError[]): AjvError[] {
  const anyOfs = errors.filter((e) => e.keyword === "anyOf");
  const inBranch = (e: AjvError, anyOf: AjvError) => e !== anyOf && e.instancePath === anyOf.instancePath && e.schemaPath.startsWith(`${anyOf.schemaPath}/`);
  const replaced = new Set<AjvError>();
  const out: AjvError[] = [];
  for (const anyOf of anyOfs) {
    const branches = new Map<string, AjvError[]>();
    for (const e of errors) {
      if (!inBranch(e, anyOf)) continue;
      replaced.add(e);
      const branch = e.schemaPath.slice(anyOf.schemaPath.length + 1).split("/")[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    // A branch whose own `type` passed is the one the user meant; its other errors say what is wrong.
    const typed = [...branches].find(([branch, list]) => !list.some((e) => e.schemaPath === `${anyOf.schemaPath}/${branch}/type`));
    if (typed) out.push(...typed[1]);
    else {
      const types = [...branches.values()].flatMap((list) => list.filter((e) => e.keyword === "type").map((e) => String(e.params.type)));
      out.push({ ...anyOf, keyword: "type", params: { type: types.join(" or ") } });
    }
    replaced.add(anyOf);
  }
  return [...errors.filter((e) => !replaced.has(e)), ...out];
}

/** The errors to report, in ajv's order of instance paths. */
export function reportedErrors(errors: AjvError[]): AjvError[] {
  const explained = explainAnyOf(errors);
  const best = new Map<string, AjvError>();
  const rank = (e: AjvError) => VALUE_KEYWORDS.indexOf(e.keyword);
  for (const e of explained) {
    if (rank(e) < 0) continue;
    const held = best.get(e.instancePath);
    if (!held || rank(e) < rank(held)) best.set(e.instancePath, e);
  }
  const kept = explained.filter((e) => rank(e) < 0 || best.get(e.instancePath) === e);
  const order = new Map<string, number>();
  errors.forEach((e, i) => order.has(e.instancePath) || order.set(e.instancePath, i));
  return kept.sort((a, b) => (order.get(a.instancePath) ?? 0) - (order.get(b.instancePath) ?? 0));
}
