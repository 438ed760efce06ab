/**
 * Types of JSON parameters (PushTask, StrategyContent, TargetMsgkey) as the SDK models declare them, so that
 * well-formed JSON of the wrong type is a parameter error and never reaches the emulator's code as a TypeError.
 * A shape names only the fields a check reads: unknown fields pass (api-facts §2.3: accept and ignore them).
 */
export type Shape = "string" | "integer" | "integer[]" | { readonly [field: string]: Shape };

const CHECKS: Record<Exclude<Shape, object>, { test: (v: unknown) => boolean; says: string }> = {
  string: { test: (v) => typeof v === "string", says: "a string" },
  integer: { test: (v) => Number.isSafeInteger(v), says: "an integer" },
  "integer[]": { test: (v) => Array.isArray(v) && v.every((x) => Number.isSafeInteger(x)), says: "an array of integers" },
};

const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Where `value` first differs from `shape`, as "`path` must be …"; null when it conforms. Absent and null fields pass. */
export function shapeMismatch(value: unknown, shape: Shape, path: string): string | null {
  if (typeof shape === "string") return CHECKS[shape].test(value) ? null : `${path} must be ${CHECKS[shape].says}`;
  if (!isJsonObject(value)) return `${path} must be a JSON object`;
  for (const [field, inner] of Object.entries(shape)) {
    const v = value[field];
    if (v === undefined || v === null) continue;
    const mismatch = shapeMismatch(v, inner, `${path}.${field}`);
    if (mismatch) return mismatch;
  }
  return null;
}
