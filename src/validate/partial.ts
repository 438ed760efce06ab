/**
 * What a document with errors can still be checked for. A schema or structure error makes the campaign
 * uncompilable, but its other fields may be sound: with the values the errors point at removed, the provider
 * rules and the compiler still find the rest of its mistakes, so one run reports them all.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { segmentsOf } from "../diagnostics/pointer.js";

export interface Remainder {
  /** The document without the values the errors point at. */
  value: Record<string, unknown>;
  /** JSON pointers of the removed values. */
  removed: string[];
}

/** Errors that leave nothing to remove: a missing key (absent already) and an unknown one (harmless to the rest). */
const NOT_A_VALUE = new Set(["schema-required", "schema-unknown-key"]);

/** Copies `value` without the node at `path` (containers on the way are copied, the rest is shared). */
function without(value: unknown, path: string[]): unknown {
  if (path.length === 0 || typeof value !== "object" || value === null) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index >= value.length) return value;
    return rest.length ? value.map((item, i) => (i === index ? without(item, rest) : item)) : value.filter((_, i) => i !== index);
  }
  const record = value as Record<string, unknown>;
  if (!(head in record)) return value;
  const copy = { ...record };
  if (rest.length) copy[head] = without(record[head], rest);
  else delete copy[head];
  return copy;
}

/** The document to check further, or null when an error is about the document as a whole. */
export function withoutInvalid(value: Record<string, unknown>, errors: Diagnostic[]): Remainder | null {
  const removed = [...new Set(errors.filter((d) => !NOT_A_VALUE.has(d.code)).map((d) => d.pointer ?? ""))];
  if (removed.includes("")) return null;
  // Deepest first, so that removing an array item does not shift a later pointer into the same array.
  const ordered = [...removed].sort((a, b) => b.localeCompare(a, "en", { numeric: true }));
  let partial: unknown = value;
  for (const pointer of ordered) partial = without(partial, segmentsOf(pointer));
  return { value: partial as Record<string, unknown>, removed };
}

/** A finding about a removed value (at, above or below it) only echoes the error that removed it. */
export function echoes(pointer: string | undefined, removed: string[]): boolean {
  const at = pointer ?? "";
  return removed.some((r) => at === r || r.startsWith(`${at}/`) || at.startsWith(`${r}/`));
}
