import type { SourceRange } from "../diagnostics/diagnostic.js";

/** Source lines around a range, numbered, with carets under the range (drawn at render time). */
export function codeFrame(text: string, range: SourceRange, options: { context?: number; mark?: (s: string) => string } = {}): string {
  const context = options.context ?? 2;
  const mark = options.mark ?? ((s: string) => s);
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, range.line - context);
  const last = Math.min(lines.length, range.endLine + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1] ?? "";
    out.push(`${n >= range.line && n <= range.endLine ? ">" : " "} ${String(n).padStart(width)} | ${line}`);
    if (n >= range.line && n <= range.endLine) {
      const start = n === range.line ? range.column : 1;
      const end = n === range.endLine ? Math.max(range.endColumn, start + 1) : line.length + 1;
      const carets = "^".repeat(Math.max(1, Math.min(end, line.length + 1) - start));
      out.push(`  ${" ".repeat(width)} | ${" ".repeat(start - 1)}${mark(carets)}`);
    }
  }
  return out.join("\n");
}
