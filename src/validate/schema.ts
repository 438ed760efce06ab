/**
 * Schema validation: the committed standalone validator (scripts/build-schema.mjs), its errors turned into
 * diagnostics with JSON pointers, a rule code per keyword family, and "did you mean" for unknown keys.
 */
import { readFileSync } from "node:fs";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { validate } from "./generated/campaign-validator.js";
import { suggest } from "./suggest.js";

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

let schemaCache: Record<string, unknown> | null = null;
/** The schema itself, read only when an error needs its allowed keys or descriptions. */
function schema(): Record<string, unknown> {
  return (schemaCache ??= JSON.parse(readFileSync(new URL("../../schemas/campaign.schema.json", import.meta.url), "utf8")) as Record<string, unknown>);
}

function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema();
  for (const part of schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"))];
  }
  return typeof node === "object" && node !== null ? (node as Record<string, unknown>) : undefined;
}

/** `/notification/ios/apnsEnv` -> `notification.ios.apnsEnv`; the document root -> `the campaign`. */
export function fieldName(pointer: string): string {
  if (!pointer) return "the campaign";
  return pointer
    .slice(1)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join("");
}

function parentPath(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf("/"));
}

function toDiagnostic(e: AjvError): Diagnostic {
  const at = e.instancePath;
  const field = fieldName(at);
  const described = (schemaAt(parentPath(e.schemaPath))?.description as string | undefined) ?? undefined;
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const allowed = Object.keys((schemaAt(parentPath(e.schemaPath))?.properties as object | undefined) ?? {});
      const guess = suggest(key, allowed);
      return error("schema-unknown-key", `unknown key "${key}" in ${field}`, {
        pointer: `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        hint: guess ? `did you mean \`${guess}\`?` : `allowed keys: ${allowed.join(", ")}`,
      });
    }
    case "required":
      return error("schema-required", `${field} needs \`${String(e.params.missingProperty)}\``, { pointer: at, hint: `add ${String(e.params.missingProperty)}: ...` });
    case "type":
      return error("schema-type", `${field} must be ${article(String(e.params.type))}`, { pointer: at, ...(described ? { hint: described } : {}) });
    case "enum":
      return error("schema-enum", `${field} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`, { pointer: at, ...(described ? { hint: described } : {}) });
    case "const":
      return error("schema-const", `${field} must be ${JSON.stringify(e.params.allowedValue)}`, { pointer: at, ...(described ? { hint: described } : {}) });
    case "pattern":
      return error("schema-pattern", `${field} does not have the expected form (${String(e.params.pattern)})`, { pointer: at, ...(described ? { hint: described } : {}) });
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return error("schema-range", `${field} ${e.message ?? "is out of range"}`, { pointer: at, ...(described ? { hint: described } : {}) });
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      return error("schema-length", `${field} ${e.message ?? "has the wrong size"}`, { pointer: at, ...(described ? { hint: described } : {}) });
    case "uniqueItems":
      return error("schema-unique", `${field} lists the same item twice`, { pointer: at, hint: "remove the duplicate" });
    case "anyOf":
      return error("schema-type", `${field} has the wrong type`, { pointer: at, ...(described ? { hint: described } : {}) });
    default:
      return error(`schema-${e.keyword}`, `${field} ${e.message ?? "is not valid"}`, { pointer: at });
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Every schema problem of one document, one diagnostic per location and problem. */
export function validateCampaignSchema(value: unknown): Diagnostic[] {
  if (validate(value)) return [];
  const errors = ((validate as unknown as { errors: AjvError[] }).errors ?? []).slice();
  // An anyOf failure explains itself once: drop the errors of its branches.
  const anyOfPaths = errors.filter((e) => e.keyword === "anyOf").map((e) => ({ at: e.instancePath, schema: parentPath(e.schemaPath) + "/anyOf" }));
  const kept = errors.filter((e) => e.keyword === "anyOf" || !anyOfPaths.some((a) => e.instancePath === a.at && e.schemaPath.startsWith(a.schema)));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of kept) {
    const d = toDiagnostic(e);
    const id = `${d.code}\0${d.pointer}\0${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return out;
}
