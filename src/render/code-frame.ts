import type { SourceRange } from "../diagnostics/diagnostic.js";
import { MASK, secretSpans, type Span } from "../diagnostics/secrets.js";

/** Columns of a source line shown in a frame: a longer line is cut to a window around the range, with ellipses. */
export const FRAME_WIDTH = 120;
/** Lines of a range shown in full; a longer range shows its first and last lines around an elision. */
const RANGE_LINES = 6;

/**
 * Source lines around a range, numbered, with carets under the range (drawn at render time). Secrets (a database
 * password, an access key secret) are shown as `***`, the carets moved with the text they mark.
 */
export function codeFrame(text: string, range: SourceRange, options: { context?: number; mark?: (s: string) => string } = {}): string {
  const context = options.context ?? 2;
  const mark = options.mark ?? ((s: string) => s);
  const first = Math.max(1, range.line - context);
  const lines = linesBetween(text, first, range.endLine + context);
  const last = Math.min(first + lines.length - 1, range.endLine + context);
  const width = String(last).length;
  const out: string[] = [];
  const inRange = (n: number) => n >= range.line && n <= range.endLine;
  const elided = range.endLine - range.line + 1 > RANGE_LINES;
  for (let n = first; n <= last; n++) {
    if (elided && n === range.line + RANGE_LINES / 2) {
      out.push(`  ${" ".repeat(width)} | … ${range.endLine - range.line + 1 - RANGE_LINES} more lines`);
      n = range.endLine - RANGE_LINES / 2;
      continue;
    }
    const { line, column } = masked(lines[n - first] ?? "");
    const start = inRange(n) ? (n === range.line ? column(range.column) : 1) : 1;
    const end = inRange(n) ? (n === range.endLine ? Math.max(column(range.endColumn), start + 1) : line.length + 1) : 1;
    const shown = window(line, start, Math.min(end, line.length + 1));
    out.push(`${inRange(n) ? ">" : " "} ${String(n).padStart(width)} | ${shown.text}`);
    if (inRange(n)) out.push(`  ${" ".repeat(width)} | ${" ".repeat(shown.start - 1)}${mark("^".repeat(Math.max(1, shown.end - shown.start)))}`);
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

/** Lines `from`..`to` (1-based) of `text`, without splitting the whole text (a file may be one 50 MB line). */
function linesBetween(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (let n = 1; n <= to; n++) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    if (n >= from) out.push(text.slice(start, end > start && text[end - 1] === "\r" ? end - 1 : end));
    if (newline < 0) break;
    start = newline + 1;
  }
  return out;
}

/**
 * A line cut to FRAME_WIDTH columns around [start, end) (1-based), with `…` where it is cut; the returned start
 * and end are the range's columns in the cut text.
 */
function window(line: string, start: number, end: number): { text: string; start: number; end: number } {
  if (line.length <= FRAME_WIDTH) return { text: line, start, end };
  const from = Math.max(0, Math.min(start - 1 - 20, line.length - FRAME_WIDTH));
  const to = Math.min(line.length, from + FRAME_WIDTH);
  const head = from > 0 ? "…" : "";
  const text = `${head}${line.slice(from, to)}${to < line.length ? "…" : ""}`;
  const clamp = (c: number) => Math.min(Math.max(c - from, 1), to - from + 1) + head.length;
  return { text, start: clamp(start), end: Math.max(clamp(end), clamp(start) + 1) };
}
