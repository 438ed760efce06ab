/**
 * Rule levels and inline suppressions (issue 14, item 3; Atlas's per-rule levels, ESLint's inline disables). Every
 * diagnostic code is a rule with a default level: the warnings (a reviewer's judgement: quiet hours, a likely cut
 * title, a send already made) may be set to `off`, `warn` or `error`, per environment too; an error guards a
 * provider's limit or push's own safety and stays an error. A finding is suppressed by a comment on the line
 * before it, `# push-ignore <rule>: <reason>`, the reason required. Pure: file texts are given.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode } from "./codes.js";
import { error, warning, type Diagnostic } from "./diagnostic.js";

export type Level = "off" | "warn" | "error";

/** The rules whose default level is a warning: the ones a project may tune. */
export const TUNABLE: ReadonlyMap<DiagnosticCode, string> = new Map<DiagnosticCode, string>([
  ["quiet-hours", "a send between 22:00 and 08:00 in the campaign's zone"],
  ["title-truncation", "a title a collapsed notification likely cuts"],
  ["already-sent", "a campaign changed after it was sent: history is not resent"],
  ["missed-send", "a loop's run that no apply created in time"],
  ["platform-block-unused", "a platform block the campaign's target never reaches"],
  ["audience-id-duplicate", "an audience file repeats an id (it is sent once)"],
  ["renamed-changed", "a renamed campaign whose content changed too: the next plan replaces it"],
  ["broadcast", "a send to everyone of an app"],
  ["frequency-cap", "recipients who would get more pushes of one app in a window than frequencyCap allows"],
]);

/** Every rule with its default level, for `push rules` and the README table. */
export function rules(): Array<{ code: DiagnosticCode; level: "warn" | "error"; what: string }> {
  return DIAGNOSTIC_CODES.map((code) => ({ code, level: TUNABLE.has(code) ? "warn" : "error", what: TUNABLE.get(code) ?? "" }));
}

/** What every suppression comment holds: a text without it needs no second look. */
export const SUPPRESSION_MARK = "push-ignore";
const IGNORE = /^\s*#\s*push-ignore\s+([a-z0-9-]+)\s*(?::\s*(.*))?$/;

interface Suppression {
  file: string;
  line: number;
  code: string;
  reason: string;
  used: boolean;
}

/** The `# push-ignore` comments of the files, by file and the line they stand on. */
function suppressionsIn(texts: Map<string, string>): Suppression[] {
  const out: Suppression[] = [];
  for (const [file, text] of texts)
    text.split(/\r?\n/).forEach((line, i) => {
      const m = IGNORE.exec(line);
      if (m) out.push({ file, line: i + 1, code: m[1]!, reason: (m[2] ?? "").trim(), used: false });
    });
  return out;
}

/** A run's rule levels and `# push-ignore` comments: diagnostics pass through `apply`, then `leftovers` says the rest. */
export class Levels {
  private readonly suppressions: Suppression[];

  constructor(
    private readonly levels: Record<string, Level>,
    texts: Map<string, string>,
  ) {
    this.suppressions = suppressionsIn(texts);
  }

  /** The diagnostics at their configured levels, less the ones a comment on the line before suppresses. */
  apply(diagnostics: Diagnostic[]): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
      const tunable = TUNABLE.has(d.code as DiagnosticCode);
      const level = tunable ? this.levels[d.code] : undefined;
      if (level === "off") continue;
      const line = d.range?.line;
      const ignored =
        tunable && d.file && line ? this.suppressions.find((s) => s.file === d.file && s.line === line - 1 && s.code === d.code && s.reason) : undefined;
      if (ignored) {
        ignored.used = true;
        continue;
      }
      out.push(level ? { ...d, severity: level === "error" ? "error" : "warning" } : d);
    }
    return out;
  }

  /** A diagnostic for each suppression without a reason, of a rule that cannot be suppressed, or that suppressed nothing. */
  leftovers(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const s of this.suppressions) {
      const at = { file: s.file, range: { line: s.line, column: 1, endLine: s.line, endColumn: 1 } };
      if (!TUNABLE.has(s.code as DiagnosticCode))
        out.push(
          error("suppression", `# push-ignore ${s.code}: ${s.code} is not a rule that can be suppressed`, {
            ...at,
            hint: `suppressible rules: ${[...TUNABLE.keys()].join(", ")} (see push rules)`,
          }),
        );
      else if (!s.reason)
        out.push(
          error("suppression", `# push-ignore ${s.code} has no reason`, { ...at, hint: `say why, for the reviewer: # push-ignore ${s.code}: <reason>` }),
        );
      else if (!s.used)
        out.push(
          warning("suppression", `# push-ignore ${s.code} suppresses nothing: no ${s.code} finding on the next line`, {
            ...at,
            hint: "remove the comment, or move it to the line before the finding",
          }),
        );
    }
    return out;
  }
}
