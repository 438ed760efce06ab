import type { JsonText } from "./campaign.js";

/**
 * A JSON-string API field: a map becomes compact JSON with keys in written order; a string is passed through
 * unchanged (the structure check has already made sure it parses).
 */
export function jsonText(value: JsonText): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Upper-cases the first letter: the providers' PascalCase wire names from push's camelCase fields. */
export function pascal(name: string): string {
  let out = pascalNames.get(name);
  if (out === undefined) {
    out = name.charAt(0).toUpperCase() + name.slice(1);
    // The names are the schema's field names: a handful, each met in every campaign. The bound guards misuse.
    if (pascalNames.size < 1024) pascalNames.set(name, out);
  }
  return out;
}

const pascalNames = new Map<string, string>();

/** A JSON object (not null, not a list): the one check of outside data's shape before its fields are read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
