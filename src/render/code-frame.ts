import type { SourceRange } from "../diagnostics/diagnostic.js";
import { MASK, secretSpans, type Span } from "../diagnostics/secrets.js";

/**
 * Source lines around a range, numbered, with carets under the range (drawn at render time). Secrets (a database
 * password, an access key secret) are shown as `***`, the carets moved with the text they mark.
 */
export function codeFrame(text: string, range: SourceRange, options: { context?: number; mark?: (s: string) => string } = {}): string {
  const context = options.context ?? 2;
  const mark = options.mark ?? ((s: string) => s);
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, range.line - context);
  const last = Math.min(lines.length, range.endLine + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const { line, column } = masked(lines[n - 1] ?? "");
    out.push(`${n >= range.line && n <= range.endLine ? ">" : " "} ${String(n).padStart(width)} | ${line}`);
    if (n >= range.line && n <= range.endLine) {
      const start = n === range.line ? column(range.column) : 1;
      const end = n === range.endLine ? Math.max(column(range.endColumn), start + 1) : line.length + 1;
      const carets = "^".repeat(Math.max(1, Math.min(end, line.length + 1) - start));
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(start - 1)}${mark(carets)}`);
    }
  }
  return out.join("\n");
}

/** A line with its secrets masked, and where a 1-based column of the original line is in the masked one. */
function masked(original: string): { line: string; column: (c: number) => number } {
  const spans: Span[] = secretSpans(original);
  if (spans.length === 0) return { line: original, column: (c) => c };
  let line = "";
  let at = 0;
  for (const [start, end] of spans) {
    line += original.slice(at, start) + MASK;
    at = end;
  }
  line += original.slice(at);
  const column = (c: number) => {
    let shift = 0;
    for (const [start, end] of spans) {
      if (c - 1 >= end) shift += end - start - MASK.length;
      else if (c - 1 > start) return start + 1 - shift;
    }
    return c - shift;
  };
  return { line, column };
}
