/**
 * The campaign file `push import` writes for a task made outside push: a header that says where it came from and
 * what the provider's listing does not show (so this file cannot state it), then the campaign. Pure.
 */
import { Document, isScalar } from "yaml";

export interface ImportedFile {
  id: string;
  app: string;
  /** The draft's fields (target, notification or message, schedule). */
  fields: Record<string, unknown>;
  /** Where the task came from, for the header: `EMAS app key 233586006, MessageId 5001`. */
  origin: string;
  sendAt: string;
  unseen: string[];
  /** How many ids were given with `--audience` (absent: the task has none, as a push to everyone). */
  given?: number;
  /** The `$schema` path for editors, relative to the file. */
  schema: string;
  /** The date of the import (YYYY-MM-DD). */
  on: string;
}

/**
 * Words folded into `# ` lines of at most `width` characters. Control characters (a line break in a provider's id)
 * become spaces: a comment never ends early into the YAML.
 */
function commentLines(text: string, width = 116): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").split(" ")) {
    if (line.length + word.length + 1 > width && line !== "#") {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

export function renderImportedCampaign(file: ImportedFile): string {
  const header = [
    `# yaml-language-server: $schema=${file.schema}`,
    ...commentLines(`Imported by push import on ${file.on}: ${file.origin}, sending ${file.sendAt}.`),
    ...(file.given === undefined
      ? []
      : commentLines(
          `Its ${file.given === 1 ? "target was" : `${file.given} targets were`} given with --audience: no listing shows them, so push cannot check them against the provider's task.`,
        )),
    ...commentLines(
      `The provider's listing does not show ${file.unseen.join("; ")}. None of it is written here: the provider keeps what it holds, and a change to this campaign replaces the task with what this file says.`,
    ),
  ];
  const document = new Document({ id: file.id, app: file.app, ...file.fields });
  // Quoted as the examples are: a YAML 1.1 reader (an editor's) would take a bare date-time for a timestamp.
  const at = document.getIn(["schedule", "at"], true);
  if (isScalar(at)) at.type = "QUOTE_DOUBLE";
  return `${header.join("\n")}\n${document.toString({ lineWidth: 0 })}`;
}

/** A campaign id from a title (`Summer sale!` -> `summer-sale`), or null when nothing of it is a letter or digit. */
export function idFromTitle(title: string | undefined): string | null {
  const slug = (title ?? "")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "") // the accents NFKD took apart: é -> e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || null;
}
