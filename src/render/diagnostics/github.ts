import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { excerpt, MESSAGE_MAX_CHARS } from "../../diagnostics/excerpt.js";

// GitHub workflow commands: data escapes %, CR, LF; property values also : and ,.
const data = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const prop = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One `::error` / `::warning` annotation per diagnostic. */
export function renderDiagnosticsGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        ...(d.file ? [`file=${prop(d.file)}`] : []),
        ...(d.range ? [`line=${d.range.line}`, `col=${d.range.column}`, `endLine=${d.range.endLine}`, `endColumn=${d.range.endColumn}`] : []),
        `title=${prop(d.code)}`,
      ];
      return `::${d.severity} ${props.join(",")}::${data(excerpt(d.message, MESSAGE_MAX_CHARS) + (d.hint ? `\nhint: ${excerpt(d.hint, MESSAGE_MAX_CHARS)}` : ""))}\n`;
    })
    .join("");
}
