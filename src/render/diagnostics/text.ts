import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { excerpt, MESSAGE_MAX_CHARS } from "../../diagnostics/excerpt.js";
import { codeFrame } from "../code-frame.js";

export interface Summary {
  errors: number;
  warnings: number;
  files: number;
  campaigns: number;
}

const paint = (color: boolean, code: string) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function summaryLine(summary: Summary): string {
  const where = `in ${plural(summary.files, "file")} (${plural(summary.campaigns, "campaign")})`;
  if (summary.errors === 0 && summary.warnings === 0) return `no problems ${where}`;
  return `${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")} ${where}`;
}

/** `file:line:col error[code]: message`, a code frame, the hint; then a summary line. */
export function renderDiagnosticsText(
  diagnostics: Diagnostic[],
  options: { sources: (file: string) => string | undefined; color: boolean; summary: Summary },
): string {
  const red = paint(options.color, "31;1");
  const yellow = paint(options.color, "33;1");
  const bold = paint(options.color, "1");
  const dim = paint(options.color, "2");
  // A value quoted in a message may hold a newline or another control character: shown escaped, one line each.
  const oneLine = (text: string) => excerpt(text, MESSAGE_MAX_CHARS).replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  const blocks = diagnostics.map((d) => {
    const where = d.file ? `${d.file}${d.range ? `:${d.range.line}:${d.range.column}` : ""}: ` : "";
    const label = d.severity === "error" ? red(`error[${d.code}]`) : yellow(`warning[${d.code}]`);
    const lines = [`${bold(where)}${label}: ${oneLine(d.message)}`];
    const text = d.file && d.range && d.quoteSource !== false ? options.sources(d.file) : undefined;
    if (text !== undefined && d.range) lines.push(codeFrame(text, d.range, { mark: d.severity === "error" ? red : yellow }));
    if (d.hint) lines.push(dim(`  = hint: ${oneLine(d.hint)}`));
    return lines.join("\n");
  });
  return [...blocks, summaryLine(options.summary)].join("\n\n") + "\n";
}
