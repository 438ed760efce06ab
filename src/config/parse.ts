/**
 * The loaders cosmiconfig calls, one per kind of config file. Each either returns the config's value or throws a
 * `ConfigFileError` that holds a positioned diagnostic: the file, and the line and column when the parser or the
 * stack gives one. JSON and YAML are parsed here rather than by cosmiconfig's loaders: its JSON errors keep the
 * position only inside the message text, and YAML goes through the campaign files' parser (YAML 1.2 core schema, so
 * an unquoted instant stays a string). Scripts load through jiti, which is imported only for them.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { error, type Diagnostic, type SourceRange } from "../diagnostics/diagnostic.js";
import { maskDiagnostic } from "../diagnostics/secrets.js";
import { rangeAt } from "./locate.js";

/** A config file that does not load, as the diagnostic to report. */
export class ConfigFileError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    // A parser's or a throwing config's message may quote the config's text, secrets included.
    const masked = maskDiagnostic(diagnostic);
    super(masked.message);
    this.diagnostic = masked;
  }
}

/** The tool's name as a config knows it: the package.json key, and the `.pushrc` and `push.config` files. */
export const MODULE_NAME = "push";
/**
 * The package's name, from which a config imports `defineConfig`. Not the bin's name: `push` on the registry is
 * an unrelated package, so a config importing from "push" is refused with the fix rather than aliased.
 */
const PACKAGE_NAME = "push-campaigns";

export function loadJson(filepath: string, text: string): unknown {
  // A byte-order mark is common in files saved on Windows; JSON.parse refuses it.
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  try {
    return JSON.parse(text.slice(bom));
  } catch (cause) {
    const offset = bom + jsonErrorOffset(text.slice(bom));
    throw new ConfigFileError(
      error("config-syntax", `invalid JSON: ${v8JsonMessage(cause)}`, {
        file: filepath,
        range: rangeAt(text, offset, offset + 1),
        hint: "JSON has no comments, trailing commas or single quotes; fix the text at this point",
      }),
    );
  }
}

/** V8's message without its position (given as a range instead) or the quoted text around it. */
function v8JsonMessage(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/ in JSON at position \d+[\s\S]*$/, "").replace(/^(Unexpected token '[^']*'), [\s\S]*$/, "$1");
}

/**
 * The offset at which `text` stops being JSON (RFC 8259), for a text that JSON.parse refused: V8 names the
 * position in some messages only, and in a different form across Node versions.
 */
export function jsonErrorOffset(text: string): number {
  const scanner = new JsonScanner(text);
  try {
    scanner.value();
    scanner.blank();
    return Math.min(scanner.i, text.length);
  } catch (stop) {
    if (stop instanceof Stop) return stop.offset;
    throw stop;
  }
}

/** Where a JSON scan stopped: the first offset that is not JSON. */
class Stop {
  constructor(readonly offset: number) {}
}

/** A JSON recogniser that throws `Stop` at the first character that cannot continue the text. */
class JsonScanner {
  i = 0;
  constructor(private readonly text: string) {}

  blank(): void {
    while (this.i < this.text.length && " \t\n\r".includes(this.text[this.i]!)) this.i++;
  }

  value(): void {
    this.blank();
    const c = this.text[this.i];
    if (c === "{") this.list("}", () => this.member());
    else if (c === "[") this.list("]", () => this.value());
    else if (c === '"') this.string();
    else this.literalOrNumber();
  }

  private literalOrNumber(): void {
    const literal = /true|false|null/y;
    literal.lastIndex = this.i;
    const match = literal.exec(this.text);
    if (match) this.i += match[0].length;
    else this.number();
  }

  private member(): void {
    this.string();
    this.expect(":");
    this.value();
  }

  private expect(char: string): void {
    this.blank();
    if (this.text[this.i] !== char) throw new Stop(this.i);
    this.i++;
  }

  private string(): void {
    const text = this.text;
    this.blank();
    if (text[this.i] !== '"') throw new Stop(this.i);
    for (this.i++; this.i < text.length; this.i++) {
      const c = text[this.i]!;
      if (c === '"') return void this.i++;
      if (c < " ") throw new Stop(this.i);
      if (c !== "\\") continue;
      this.i++;
      if (text[this.i] === "u") {
        for (let hex = 0; hex < 4; hex++) if (!/[0-9a-fA-F]/.test(text[++this.i] ?? "")) throw new Stop(this.i);
      } else if (!'"\\/bfnrt'.includes(text[this.i] ?? "x")) {
        throw new Stop(this.i);
      }
    }
    throw new Stop(this.i);
  }

  private list(close: string, item: () => void): void {
    this.i++;
    this.blank();
    if (this.text[this.i] === close) return void this.i++;
    for (;;) {
      item();
      this.blank();
      if (this.text[this.i] === close) return void this.i++;
      this.expect(",");
    }
  }

  /** Digit by digit, so that `1.` and `-x` stop where V8 does: at the place a digit is missing. */
  private digits(allowLeadingZero: boolean): void {
    const start = this.i;
    while (/[0-9]/.test(this.text[this.i] ?? "")) this.i++;
    if (this.i === start || (!allowLeadingZero && this.text[start] === "0" && this.i - start > 1)) throw new Stop(this.i === start ? this.i : start + 1);
  }

  private number(): void {
    const text = this.text;
    if (text[this.i] === "-") this.i++;
    this.digits(false);
    if (text[this.i] === ".") {
      this.i++;
      this.digits(true);
    }
    if (text[this.i] === "e" || text[this.i] === "E") {
      this.i++;
      if (text[this.i] === "+" || text[this.i] === "-") this.i++;
      this.digits(true);
    }
  }
}

export async function loadYaml(filepath: string, text: string): Promise<unknown> {
  const { parseCampaignFile } = await import("../load/index.js");
  const parsed = parseCampaignFile(filepath, text);
  const syntax = parsed.diagnostics.find((d) => d.severity === "error");
  if (syntax) throw new ConfigFileError({ ...syntax, code: "config-syntax" });
  if (parsed.documents.length > 1) {
    throw new ConfigFileError(
      error("config-syntax", `the config holds ${parsed.documents.length} YAML documents`, {
        file: filepath,
        hint: "keep one document: remove the `---` separators",
      }),
    );
  }
  return parsed.documents[0]?.value;
}

/**
 * TypeScript and JavaScript configs, with the package's name aliased to this running tool, so that
 * `import { defineConfig } from "push-campaigns"` works wherever push is installed (globally, in a parent folder).
 */
export async function importScript(filepath: string): Promise<unknown> {
  const { createJiti } = await import("jiti");
  // Built: dist/index.js beside dist/config; from source (tests): src/index.ts.
  const built = fileURLToPath(new URL("../index.js", import.meta.url));
  const self = existsSync(built) ? built : fileURLToPath(new URL("../index.ts", import.meta.url));
  // The default export is taken here, not by jiti's interop, which reads `.then` of it and throws on `export default null`.
  const jiti = createJiti(import.meta.url, { alias: { [PACKAGE_NAME]: self }, interopDefault: false, moduleCache: false });
  let namespace: unknown;
  try {
    namespace = await jiti.import(filepath);
  } catch (cause) {
    throw new ConfigFileError(syntaxDiagnostic(cause) ?? binNameImport(cause, filepath) ?? thrownDiagnostic(cause, filepath));
  }
  return typeof namespace === "object" && namespace !== null && "default" in namespace ? (namespace as { default: unknown }).default : namespace;
}

/** jiti reports a babel parse error as `ParseError: <message> \n <file>:<line>:<column>`, the column 0-based. */
const JITI_PARSE_ERROR = /^\w+: ([\s\S]*?)\s*\n (.+):(\d+):(\d+)$/;

function syntaxDiagnostic(cause: unknown): Diagnostic | null {
  const match = cause instanceof Error ? JITI_PARSE_ERROR.exec(cause.message) : null;
  if (!match) return null;
  const [, message, file, line, column] = match as unknown as [string, string, string, string, string];
  // Line 0 means babel gave no location; the file is still the one that failed (the config or a module it imports).
  const range = Number(line) > 0 ? { line: Number(line), column: Number(column) + 1, endLine: Number(line), endColumn: Number(column) + 2 } : undefined;
  return error("config-syntax", `syntax error: ${message}`, {
    file,
    ...(range ? { range } : {}),
    hint: "fix the syntax at this point (the config is loaded as TypeScript/JavaScript)",
  });
}

/** A config importing `defineConfig` from the bin's name, `push`, rather than the package's. */
function binNameImport(cause: unknown, filepath: string): Diagnostic | null {
  if (!(cause instanceof Error) || !new RegExp(`Cannot find module '${MODULE_NAME}'`).test(cause.message)) return null;
  let range: SourceRange | undefined;
  try {
    const text = readFileSync(filepath, "utf8");
    const at = new RegExp(`(["'])${MODULE_NAME}\\1`).exec(text);
    if (at) range = rangeAt(text, at.index, at.index + at[0].length);
  } catch {
    // Unreadable since it was loaded: the diagnostic still names the file.
  }
  return error("config-load", `cannot import "${MODULE_NAME}": push's package is named ${PACKAGE_NAME}`, {
    file: filepath,
    ...(range ? { range } : {}),
    hint: `the package is ${PACKAGE_NAME}: write import { defineConfig } from "${PACKAGE_NAME}"`,
  });
}

/** A config that throws while it runs: the file, and the line of the first stack frame inside it. */
function thrownDiagnostic(cause: unknown, filepath: string): Diagnostic {
  const described = cause instanceof Error ? `${cause.name === "Error" ? "" : `${cause.name}: `}${cause.message.split("\n")[0]}` : String(cause);
  const stack = cause instanceof Error ? (cause.stack ?? "") : "";
  let range: SourceRange | undefined;
  for (const place of [filepath, pathToFileURL(filepath).href]) {
    const frame = new RegExp(`${place.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):(\\d+)`).exec(stack);
    if (frame) {
      const line = Number(frame[1]);
      const column = Number(frame[2]);
      range = { line, column, endLine: line, endColumn: column + 1 };
      break;
    }
  }
  return error("config-load", `the config threw while loading: ${described}`, {
    file: filepath,
    ...(range ? { range } : {}),
    hint: "the config runs as code when push loads it; fix what throws (run it with node to see the full error)",
  });
}
