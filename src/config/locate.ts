/**
 * Where a key path (`environments.production.apps.shop.appKey`) stands in a config file, for diagnostics. A YAML
 * config has a node map (the campaign loader's); a TypeScript, JavaScript or JSON config is code or braces, so its
 * object literals are scanned: each key is looked up among the direct keys of its parent's `{...}`, so that
 * `apps` inside an overlay is never taken for the top-level `apps`.
 */
import { pointerOf, type SourceRange } from "../diagnostics/diagnostic.js";

/** The range of the path's last key; the nearest ancestor key that exists when the rest of the path is missing. */
export type KeyLocator = (path: readonly string[]) => SourceRange | undefined;

interface ScannedKey {
  name: string;
  start: number;
  end: number;
  /** Brackets open around the key. */
  depth: number;
  /** Offset of the `{` of the object literal the key belongs to. */
  parent: number;
  /** Offset of the `{` that starts the key's value, when the value is an object literal. */
  value?: number;
}

export async function locatorFor(filepath: string, text: string): Promise<KeyLocator> {
  if (isYamlFile(filepath)) {
    const { parseCampaignFile } = await import("../load/index.js");
    const document = parseCampaignFile(filepath, text).documents[0];
    return (path) => document?.locate(pointerOf(...path), { key: true });
  }
  return braceLocator(text, filepath.endsWith("package.json") ? ["push"] : []);
}

/** `.pushrc` without an extension is YAML, as cosmiconfig reads it. */
function isYamlFile(filepath: string): boolean {
  return /\.ya?ml$/.test(filepath) || /(^|[\\/])\.pushrc$/.test(filepath);
}

/** Key paths in TypeScript, JavaScript or JSON text; `prefix` is where the config sits (`push` in package.json). */
function braceLocator(text: string, prefix: string[] = []): KeyLocator {
  const keys = scanKeys(text);
  return (path) => {
    let found: ScannedKey | undefined;
    for (const name of [...prefix, ...path]) {
      const candidates = keys.filter((k) => k.name === name && (found ? k.parent === found.value : true));
      // The top-level key is the shallowest one of that name: the exported object's, not an overlay's.
      const next = found ? candidates[0] : candidates.sort((a, b) => a.depth - b.depth)[0];
      if (!next) break;
      found = next;
      if (found.value === undefined) break;
    }
    return found ? rangeAt(text, found.start, found.end) : undefined;
  };
}

export function rangeAt(text: string, start: number, end: number): SourceRange {
  const before = text.slice(0, start);
  const line = before.split("\n").length;
  const column = start - before.lastIndexOf("\n");
  return { line, column, endLine: line, endColumn: column + Math.max(1, end - start) };
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const QUOTED = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'/y;

/**
 * The keys of every object literal, in one pass that steps over strings, template literals and comments. A key
 * is a name or a quoted string right after `{` or `,` and followed by `:` (so spreads, shorthands and ternaries
 * are not keys).
 */
function scanKeys(text: string): ScannedKey[] {
  const keys: ScannedKey[] = [];
  const open: Array<{ char: string; at: number }> = [];
  let expectKey = false;
  let pending: ScannedKey | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      i = lineEnd(text, i);
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    const top = open[open.length - 1];
    if (expectKey && top?.char === "{") {
      const key = readKey(text, i);
      if (key && text[skipBlank(text, key.end)] === ":") {
        const entry: ScannedKey = { name: key.name, start: key.start, end: key.end - key.quote, depth: open.length, parent: top.at };
        keys.push(entry);
        pending = entry;
        expectKey = false;
        i = skipBlank(text, key.end) + 1;
        continue;
      }
    }
    expectKey = false;
    if (c === "{" && pending) pending.value = i;
    pending = null;
    if (c === "{" || c === "[" || c === "(") {
      open.push({ char: c, at: i });
      expectKey = c === "{";
    } else if (c === "}" || c === "]" || c === ")") {
      open.pop();
    } else if (c === ",") {
      expectKey = true;
    } else if (c === '"' || c === "'" || c === "`") {
      i = stringEnd(text, i);
      continue;
    }
    i++;
  }
  return keys;
}

function readKey(text: string, at: number): { name: string; start: number; end: number; quote: number } | null {
  IDENTIFIER.lastIndex = at;
  const name = IDENTIFIER.exec(text);
  if (name) return { name: name[0], start: at, end: at + name[0].length, quote: 0 };
  QUOTED.lastIndex = at;
  const quoted = QUOTED.exec(text);
  // The range covers the name inside the quotes, as for a bare key.
  if (quoted) return { name: quoted[1] ?? quoted[2] ?? "", start: at + 1, end: at + quoted[0].length, quote: 1 };
  return null;
}

function skipBlank(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

function lineEnd(text: string, at: number): number {
  const end = text.indexOf("\n", at);
  return end < 0 ? text.length : end;
}

/** The offset after the string or template literal that starts at `at` (up to its closing quote or backtick). */
function stringEnd(text: string, at: number): number {
  const quote = text[at]!;
  let i = at + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === "\\") i++;
    else if (quote !== "`" && text[i] === "\n") break;
    i++;
  }
  return i + 1;
}
