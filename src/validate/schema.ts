/**
 * Schema validation: the committed standalone validator (scripts/build-schema.mjs), its errors turned into
 * diagnostics with JSON pointers, a rule code per keyword family, and "did you mean" for unknown keys.
 */
import { readFileSync } from "node:fs";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { validate } from "./generated/campaign-validator.js";
import { parentPath, reportedErrors, type AjvError } from "./schema-errors.js";
import { suggest } from "../diagnostics/suggest.js";
import { excerpt } from "../diagnostics/excerpt.js";
import { segmentsOf } from "../diagnostics/pointer.js";

let schemaCache: Record<string, unknown> | null = null;
/** The schema itself, read only when an error needs its allowed keys or descriptions. */
function schema(): Record<string, unknown> {
  return (schemaCache ??= JSON.parse(readFileSync(new URL("../../schemas/campaign.schema.json", import.meta.url), "utf8")) as Record<string, unknown>);
}

function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema();
  // A URI fragment: percent-decoded, then read as a JSON pointer.
  for (const part of segmentsOf(decodeURIComponent(schemaPath.replace(/^#/, "")))) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "object" && node !== null ? (node as Record<string, unknown>) : undefined;
}

/** `/notification/ios/apnsEnv` -> `notification.ios.apnsEnv`; the document root -> `the campaign`. */
function fieldName(pointer: string): string {
  if (!pointer) return "the campaign";
  return segmentsOf(pointer)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join("");
}

/** The description of the field at an instance path (through properties, items and $ref), for the hint. */
function descriptionAt(pointer: string): string | undefined {
  let node: Record<string, unknown> | undefined = schema();
  let description: string | undefined;
  for (const part of pointer.split("/").slice(1)) {
    const properties = node?.properties as Record<string, Record<string, unknown>> | undefined;
    node = properties?.[part] ?? (/^\d+$/.test(part) ? (node?.items as Record<string, unknown> | undefined) : undefined);
    if (!node) return undefined;
    description = (node.description as string | undefined) ?? description;
    if (typeof node.$ref === "string") node = schemaAt(node.$ref);
  }
  return description;
}

/** The value an error is about, for the message (short values only). */
function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text !== undefined && text.length <= 40 ? ` ${text}` : "";
}

function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const part of segmentsOf(pointer)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function toDiagnostic(e: AjvError, document: unknown): Diagnostic {
  const at = e.instancePath;
  const field = fieldName(at);
  const node = schemaAt(parentPath(e.schemaPath));
  const described = descriptionAt(at);
  const hint = described ? { hint: described } : {};
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const allowed = Object.keys((node?.properties as object | undefined) ?? {});
      const guess = suggest(key, allowed);
      return error("schema-unknown-key", `unknown key "${excerpt(key)}" in ${field}`, {
        pointer: `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        hint: guess ? `did you mean \`${guess}\`?` : `allowed keys: ${allowed.join(", ")}`,
      });
    }
    case "required":
      return error("schema-required", `${field} needs \`${String(e.params.missingProperty)}\``, {
        pointer: at,
        hint: `add ${String(e.params.missingProperty)}: ...`,
      });
    case "type":
      return error("schema-type", `${field} must be ${String(e.params.type).split(" or ").map(article).join(" or ")}`, { pointer: at, ...hint });
    case "enum":
      return error(
        "schema-enum",
        `${field}${shown(valueAt(document, at))} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
        { pointer: at, ...hint },
      );
    case "const":
      return error("schema-const", `${field} must be ${JSON.stringify(e.params.allowedValue)}`, { pointer: at, ...hint });
    case "pattern": {
      const form = node?.["x-form"] as string | undefined;
      return error("schema-pattern", `${field}${shown(valueAt(document, at))} is not ${form ?? `of the expected form (${String(e.params.pattern)})`}`, {
        pointer: at,
        ...hint,
      });
    }
    case "minLength":
      if (e.params.limit === 1) return error("schema-length", `${field} is empty`, { pointer: at, ...hint });
      return error("schema-length", `${field} ${e.message ?? "has the wrong size"}`, { pointer: at, ...hint });
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return error("schema-range", `${field}${shown(valueAt(document, at))} ${e.message ?? "is out of range"}`, { pointer: at, ...hint });
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
      return error("schema-length", `${field} ${e.message ?? "has the wrong size"}`, { pointer: at, ...hint });
    case "uniqueItems": {
      // ajv's two scans name the pair in either order: the later item is the repeat.
      const [first, repeat] = [Number(e.params.i), Number(e.params.j)].sort((a, b) => a - b);
      const later = `${at}/${repeat}`;
      return error("schema-unique", `${fieldName(later)}${shown(valueAt(document, later))} is already listed as ${fieldName(`${at}/${first}`)}`, {
        pointer: later,
        hint: "remove the repeat",
      });
    }
    default:
      return error(`schema-${e.keyword}`, `${field} ${e.message ?? "is not valid"}`, { pointer: at });
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export interface SchemaVerdict {
  diagnostics: Diagnostic[];
  /**
   * Whether the value has the campaign's shape, unknown keys aside: what the provider rules and the compiler
   * assume. An unknown key that stands for a missing required one (`taget`) leaves it without that key.
   */
  sound: boolean;
}

/**
 * Every schema problem of one document, one diagnostic per mistake. A missing key that an unknown sibling most
 * likely spells (`taget` for `target`) is left to the unknown key's did-you-mean.
 */
export function checkCampaignSchema(value: unknown): SchemaVerdict {
  if (validate(value)) return { diagnostics: [], sound: true };
  const errors = reportedErrors(((validate as unknown as { errors: AjvError[] }).errors ?? []).slice());
  const misspelt = new Set(
    errors
      .filter((e) => e.keyword === "additionalProperties")
      .map((e) => {
        const allowed = Object.keys((schemaAt(parentPath(e.schemaPath))?.properties as object | undefined) ?? {});
        return `${e.instancePath}\0${suggest(String(e.params.additionalProperty), allowed)}`;
      }),
  );
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (e.keyword === "required" && misspelt.has(`${e.instancePath}\0${String(e.params.missingProperty)}`)) continue;
    const d = toDiagnostic(e, value);
    const id = `${d.code}\0${d.pointer}\0${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return { diagnostics: out, sound: errors.every((e) => e.keyword === "additionalProperties") };
}

export function validateCampaignSchema(value: unknown): Diagnostic[] {
  return checkCampaignSchema(value).diagnostics;
}
