import type { LoadedDocument } from "../load/index.js";
import type { Diagnostic } from "./diagnostic.js";

/** The one place JSON pointers become source ranges. Diagnostics with a range keep it. */
export function locateDiagnostics(diagnostics: Diagnostic[], lookup: (file: string, document: number) => LoadedDocument | undefined): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.range || d.pointer === undefined || d.file === undefined) return d;
    const range = lookup(d.file, d.document ?? 0)?.locate(d.pointer, { key: d.code === "schema-unknown-key" });
    return range ? { ...d, range } : d;
  });
}
