import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";

/**
 * An audience file: one id per line; blank lines and `#` comments ignored; ids without commas or whitespace; a
 * repeated id is sent once (a warning).
 */
export function parseAudienceFile(file: string, text: string): { ids: string[]; diagnostics: Diagnostic[] } {
  const ids: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const firstLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const id = raw.trim();
    if (id === "" || id.startsWith("#")) return;
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      // Exports often repeat ids; a device gets the push once either way.
      const column = raw.indexOf(id) + 1;
      diagnostics.push(
        warning("audience-id-duplicate", `line ${i + 1} of ${file} repeats "${id}" from line ${seen}; it is sent once`, {
          file,
          range: { line: i + 1, column, endLine: i + 1, endColumn: column + id.length },
          hint: "remove the repeated line",
        }),
      );
      return;
    }
    const bad = /[,\s]/.exec(id);
    if (bad) {
      const column = raw.indexOf(id) + bad.index + 1;
      diagnostics.push(
        error("audience-id-format", `line ${i + 1} of ${file} is not one id: "${id}" contains ${bad[0] === "," ? "a comma" : "whitespace"}`, {
          file,
          range: { line: i + 1, column, endLine: i + 1, endColumn: column + 1 },
          hint: "write one id per line",
        }),
      );
      return;
    }
    firstLine.set(id, i + 1);
    ids.push(id);
  });
  return { ids, diagnostics };
}
