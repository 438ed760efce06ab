/** Diagnostics as a command prints them on stderr, with code frames from the run's texts (or the files). */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnosticsText } from "../render/diagnostics/text.js";
import { readOptional } from "./files.js";
import { useColor, type CliIO } from "./io.js";

export function printDiagnostics(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>): void {
  io.stderr.write(diagnosticsText(diagnostics, io, sources));
}

/** Diagnostics for stderr; `counted` is what the run read (else: the files the diagnostics name, no campaigns). */
export function diagnosticsText(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>, counted?: { files: number; campaigns: number }): string {
  if (diagnostics.length === 0) return "";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return renderDiagnosticsText(diagnostics, {
    sources: (file) => sources.get(file) ?? readOptional(file, io.cwd),
    color: useColor(io, "stderr"),
    summary: {
      errors,
      warnings: diagnostics.length - errors,
      ...(counted ?? { files: new Set(diagnostics.map((d) => d.file).filter(Boolean)).size, campaigns: 0 }),
    },
  });
}
