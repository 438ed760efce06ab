/**
 * The one diagnostic type, end to end. Stages return diagnostics beside their result and never throw for a
 * user's mistake. A stage that knows only a JSON pointer into a document sets `pointer`; `locate` (one place)
 * turns it into a source range over the YAML node map before rendering.
 */
type Severity = "error" | "warning";

export interface SourceRange {
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

import type { DiagnosticCode } from "./codes.js";

export interface Diagnostic {
  severity: Severity;
  /** Rule code: the rule file's name (`android-title-length`), or a stage code (`yaml-syntax`, `schema-...`). */
  code: DiagnosticCode;
  /** What is wrong, naming the limit. */
  message: string;
  /** How to fix it. */
  hint?: string;
  file?: string;
  /** YAML document index within `file` (0-based), for multi-document files. */
  document?: number;
  /** JSON pointer into the document (`/notification/android/title`), resolved by `locate`. */
  pointer?: string;
  range?: SourceRange;
  /**
   * False when `file` is not the user's source to quote (an audience file may be any file a campaign named):
   * renderers then draw no code frame over it, and the message carries a short, masked excerpt instead.
   */
  quoteSource?: false;
}

export function error(code: DiagnosticCode, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: "error", code, message, ...extra };
}

export function warning(code: DiagnosticCode, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: "warning", code, message, ...extra };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

export { pointerOf } from "./pointer.js";
