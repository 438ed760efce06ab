import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { maskSecrets } from "../diagnostics/secrets.js";
import { AUDIENCE_FILE_KEYS, type AudienceFileKey } from "../model/audience.js";
import { PROVIDER_NAMES } from "../model/task.js";
import { behaviourOf } from "../providers/behaviour.js";

/**
 * An audience file: one id per line; blank lines and `#` comments ignored; a repeated id is sent once (a
 * warning). The file may be anything a campaign names, so it is read as untrusted text: a line that is not a
 * plausible id is reported by file and line with a short, masked excerpt, never the line itself, and a file that
 * does not look like a list of ids stops being read.
 */

/** The most ids a reader keeps of one file: the largest cap; one more id says the file is over it. */
const AUDIENCE_READ_MAX_IDS = Math.max(...PROVIDER_NAMES.map((provider) => behaviourOf({ provider }).audience.maxIds));

/** The ids one campaign may hold in an audience file of `key`, and how to say so: its provider's. */
export function audienceLimit(key: AudienceFileKey): { maxIds: number; provider: string; hint: string } {
  return behaviourOf({ provider: AUDIENCE_FILE_KEYS[key] }).audience;
}

/**
 * api-facts §2.3: EMAS device ids are 32 characters, accounts at most 64 bytes, aliases at most 128 bytes; mPaaS
 * user ids and device tokens are shorter. No id is longer than 128 UTF-8 bytes.
 */
const AUDIENCE_ID_MAX_BYTES = 128;
/** A line longer than this is not an id; the reader keeps no more of it (a one-line file of megabytes stays small). */
export const AUDIENCE_LINE_MAX_CHARS = 1_024;
/** After this many lines that are not ids, the file is not a list of ids: reading stops. */
const AUDIENCE_MAX_BAD_LINES = 5;
/** The most characters of a bad line a message quotes. */
const EXCERPT_CHARS = 12;

/** What the reader found: the ids (at most `AUDIENCE_READ_MAX_IDS`), and whether the file holds more. */
export interface AudienceList {
  ids: string[];
  /** The file lists more ids than `AUDIENCE_READ_MAX_IDS` (reading stopped there). */
  more: boolean;
  diagnostics: Diagnostic[];
}

export type AudienceRead =
  | ({ ok: true } & AudienceList)
  | {
      ok: false;
      code: "audience-file-missing" | "audience-file-outside" | "audience-file-not-regular" | "audience-file-not-text";
      problem: string;
      hint: string;
    };

/**
 * A short excerpt of an untrusted line, safe to print: at most 12 characters, and nothing after the first `=` or
 * `:` (a `NAME=value` or `key: value` line shows only `NAME=***`), secrets masked, control characters escaped.
 */
export function safeExcerpt(raw: string): string {
  const trimmed = raw.trim().replace(/^export\s+/, "");
  const assign = trimmed.search(/[=:]/);
  const kept = [...(assign === -1 ? trimmed : trimmed.slice(0, assign).trimEnd())];
  const short = maskSecrets(kept.slice(0, EXCERPT_CHARS).join("")).replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${short}${kept.length > EXCERPT_CHARS ? "…" : ""}${assign === -1 ? "" : "=***"}`;
}

/** A plausible id (no `=`, no control character), cut to the excerpt's length. */
function shortId(id: string): string {
  const chars = [...id];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join("")}…` : id;
}

/** Why a trimmed line is not a plausible id, with the 0-based offset of the fault; null when it is one. */
function idFault(id: string, truncated: boolean): { reason: string; at: number } | null {
  if (truncated) return { reason: `is longer than ${AUDIENCE_LINE_MAX_CHARS} characters`, at: 0 };
  const bad = /[\s,=\u0000-\u001f\u007f"'`\\]/.exec(id);
  if (bad) {
    const c = bad[0];
    const reason =
      c === ","
        ? "contains a comma"
        : c === "="
          ? "looks like a setting (NAME=value), not an id"
          : /\s/.test(c)
            ? "contains whitespace"
            : /["'`\\]/.test(c)
              ? `contains ${c}`
              : "contains a control character";
    return { reason, at: bad.index };
  }
  if (Buffer.byteLength(id, "utf8") > AUDIENCE_ID_MAX_BYTES)
    return { reason: `is longer than ${AUDIENCE_ID_MAX_BYTES} bytes, more than any provider id`, at: 0 };
  return null;
}

/**
 * Reads an audience file line by line (the caller streams the lines in): `line` returns false when reading should
 * stop (the file is over the cap, or is not a list of ids).
 */
export class AudienceParser {
  private readonly ids: string[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly firstLine = new Map<string, number>();
  private more = false;
  private badLines = 0;

  constructor(private readonly file: string) {}

  line(raw: string, n: number, truncated = false): boolean {
    const id = raw.trim();
    if (!truncated && (id === "" || id.startsWith("#"))) return true;
    const lead = raw.length - raw.trimStart().length;
    const fault = idFault(id, truncated);
    if (fault) {
      this.badLines++;
      const column = lead + fault.at + 1;
      this.diagnostics.push(
        error("audience-id-format", `line ${n} of ${this.file} is not one id: "${safeExcerpt(raw)}" ${fault.reason}`, {
          file: this.file,
          range: { line: n, column, endLine: n, endColumn: column + 1 },
          hint: "write one id per line",
          quoteSource: false,
        }),
      );
      if (this.badLines < AUDIENCE_MAX_BAD_LINES) return true;
      this.diagnostics.push(
        error(
          "audience-file-not-ids",
          `${this.file} does not look like a list of ids: reading stopped at line ${n}, after ${AUDIENCE_MAX_BAD_LINES} lines that are not ids`,
          {
            file: this.file,
            hint: "name a text file of ids, one per line",
          },
        ),
      );
      return false;
    }
    const seen = this.firstLine.get(id);
    if (seen !== undefined) {
      // Exports often repeat ids; a device gets the push once either way.
      const column = lead + 1;
      this.diagnostics.push(
        warning("audience-id-duplicate", `line ${n} of ${this.file} repeats "${shortId(id)}" from line ${seen}; it is sent once`, {
          file: this.file,
          range: { line: n, column, endLine: n, endColumn: column + id.length },
          hint: "remove the repeated line",
          quoteSource: false,
        }),
      );
      return true;
    }
    if (this.ids.length === AUDIENCE_READ_MAX_IDS) {
      this.more = true;
      return false;
    }
    this.firstLine.set(id, n);
    this.ids.push(id);
    return true;
  }

  finish(): AudienceList {
    return { ids: this.ids, more: this.more, diagnostics: this.diagnostics };
  }
}

/** An audience file given whole (tests, small inputs): the parser over its lines. */
export function parseAudienceFile(file: string, text: string): AudienceList {
  const parser = new AudienceParser(file);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const truncated = raw.length > AUDIENCE_LINE_MAX_CHARS;
    if (!parser.line(truncated ? raw.slice(0, AUDIENCE_LINE_MAX_CHARS) : raw, i + 1, truncated)) break;
  }
  return parser.finish();
}
