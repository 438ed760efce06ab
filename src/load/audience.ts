import { error, type Diagnostic } from "../diagnostics/diagnostic.js";

/** An audience file: one id per line; blank lines and `#` comments ignored; ids without commas or whitespace. */
export function parseAudienceFile(file: string, text: string): { ids: string[]; diagnostics: Diagnostic[] } {
  const ids: string[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const id = raw.trim();
    if (id === "" || id.startsWith("#")) return;
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
    ids.push(id);
  });
  return { ids, diagnostics };
}
