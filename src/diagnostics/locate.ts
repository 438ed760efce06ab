import type { Diagnostic, SourceRange } from "./diagnostic.js";

/** What a loaded document offers the locator: a JSON pointer to its source range (load/ implements it). */
export interface PositionMap {
  locate(pointer: string, options?: { key?: boolean }): SourceRange | undefined;
}

/** Diagnostics about a key rather than its value: an unknown key, and a map missing a required one. */
const KEY_IS_THE_SUBJECT = new Set(["schema-unknown-key", "schema-required"]);

/** The one place JSON pointers become source ranges. Diagnostics with a range keep it. */
export function locateDiagnostics(diagnostics: Diagnostic[], lookup: (file: string, document: number) => PositionMap | undefined): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.range || d.pointer === undefined || d.file === undefined) return d;
    const range = lookup(d.file, d.document ?? 0)?.locate(d.pointer, { key: KEY_IS_THE_SUBJECT.has(d.code) });
    return range ? { ...d, range } : d;
  });
}
