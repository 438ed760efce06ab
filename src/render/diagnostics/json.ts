import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { excerpt, MESSAGE_MAX_CHARS } from "../../diagnostics/excerpt.js";
import type { Summary } from "./text.js";

/** `push validate --format json`: the DESIGN.md document, every key present (null when unknown). */
export function renderDiagnosticsJson(diagnostics: Diagnostic[], summary: Summary): string {
  const list = diagnostics.map((d) => ({
    severity: d.severity,
    code: d.code,
    message: excerpt(d.message, MESSAGE_MAX_CHARS),
    hint: d.hint === undefined ? null : excerpt(d.hint, MESSAGE_MAX_CHARS),
    file: d.file ?? null,
    line: d.range?.line ?? null,
    column: d.range?.column ?? null,
    endLine: d.range?.endLine ?? null,
    endColumn: d.range?.endColumn ?? null,
  }));
  return `${JSON.stringify({ diagnostics: list, summary }, null, 2)}\n`;
}
