import type { LoadedDocument } from "../load/index.js";
import type { Diagnostic } from "./diagnostic.js";

/** Diagnostics about a key rather than its value: an unknown key, and a map missing a required one. */
const KEY_IS_THE_SUBJECT = new Set(["schema-unknown-key", "schema-required"]);

/** The one place JSON pointers become source ranges. Diagnostics with a range keep it. */
export function locateDiagnostics(diagnostics: Diagnostic[], lookup: (file: string, document: number) => LoadedDocument | undefined): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.range || d.pointer === undefined || d.file === undefined) return d;
    const range = lookup(d.file, d.document ?? 0)?.locate(d.pointer, { key: KEY_IS_THE_SUBJECT.has(d.code) });
    return range ? { ...d, range } : d;
  });
}
