import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { summaryLine, type Summary } from "../diagnostics/text.js";
import { bullets, code } from "./budget.js";
import { MARKDOWN_BUDGET } from "./markdown.js";

/** Text that Markdown and the forge's HTML take literally: no emphasis, link or tag from a message, one line. */
const plain = (s: string) => s.replace(/\s*\n\s*/g, " ").replace(/[\\`*_<>[\]|#~]/g, (c) => `\\${c}`);

/**
 * The pull-request comment of a plan that could not be made: what is wrong, where, and how to fix it, from the
 * same diagnostics document as `--format json`, so the comment step posts something useful. Errors first.
 */
export function renderDiagnosticsMarkdown(diagnostics: Diagnostic[], summary: Summary): string {
  const head = `### push plan: nothing was planned\n\n${summaryLine(summary)}. Nothing is planned or sent until the errors are fixed.\n\n`;
  const ordered = [...diagnostics.filter((d) => d.severity === "error"), ...diagnostics.filter((d) => d.severity === "warning")];
  const items = ordered.map((d) => {
    const where = d.file ? ` at ${code(d.range ? `${d.file}:${d.range.line}:${d.range.column}` : d.file)}` : "";
    const hint = d.hint ? `\n  - hint: ${plain(d.hint)}` : "";
    return `${d.severity === "error" ? ":x: **error**" : ":warning: **warning**"} ${code(d.code)}${where}: ${plain(d.message)}${hint}`;
  });
  return head + bullets("Diagnostics", items, MARKDOWN_BUDGET - head.length);
}
