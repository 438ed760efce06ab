/**
 * The fast path of loading. Most campaign files are valid, and a valid file needs values, not positions: parse
 * with js-yaml (the `yaml` library's YAML 1.2 core schema, ~7x faster than building a position map) and build the `yaml` node map
 * only when a diagnostic asks where something is. A file js-yaml refuses, or whose documents it counts
 * differently, goes through the positioned parser for its diagnostics.
 */
import { loadAll } from "js-yaml";
import { YAML_CORE_SCHEMA } from "./core-schema.js";
import { nestsTooDeep } from "./bounds.js";
import { fileTooLarge, parseCampaignFile, type LoadedDocument, type ParsedFile } from "./index.js";

const DASH = 45; // -
const DOT = 46; // .

/** `---` or `...` at `start`, followed by whitespace or the end of the line. */
function markerAt(text: string, start: number, end: number, code: number): boolean {
  if (end - start < 3 || text.charCodeAt(start) !== code || text.charCodeAt(start + 1) !== code || text.charCodeAt(start + 2) !== code) return false;
  return end - start === 3 || /\s/.test(text[start + 3]!);
}

/** Whether the line holds nothing: blank, a comment, or a directive (`%YAML 1.2`). */
function emptyLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c === 35 || (c === 37 && i === start); // # anywhere after blanks; % only in column 1
  }
  return true;
}

/**
 * The 1-based line of each non-empty document's first content line, scanning line starts only: a document's
 * body is skipped until the next `---` or `...` marker.
 */
function firstLines(text: string): number[] {
  const found: number[] = [];
  let seeking = true;
  for (let start = 0, line = 1; start <= text.length; line++) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    if (markerAt(text, start, end, DASH)) {
      seeking = emptyAfterMarker(text, start + 3, end);
      if (!seeking) found.push(line);
    } else if (markerAt(text, start, end, DOT)) seeking = true;
    else if (seeking && !emptyLine(text, start, end)) {
      found.push(line);
      seeking = false;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return found;
}

/**
 * `--- # comment` (or `--- !!map`, a tag alone) starts a document whose content begins on a later line;
 * `--- key: value` on this one.
 */
function emptyAfterMarker(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    if (c === 33) {
      while (i + 1 < end && !/\s/.test(text[i + 1]!)) i++; // a tag: skip it
      continue;
    }
    return c === 35;
  }
  return true;
}

/**
 * An anchor (`&name` where a node starts). js-yaml shares aliased nodes without limit, so a small file could
 * expand to an exponential output: files with anchors take the positioned parser, which bounds expansion.
 */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]/;

export function parseCampaignFileFast(file: string, text: string): ParsedFile {
  const tooLarge = fileTooLarge(file, text);
  if (tooLarge) return { documents: [], diagnostics: [tooLarge] };
  if (ANCHOR.test(text)) return parseCampaignFile(file, text);
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: YAML_CORE_SCHEMA, filename: file }).filter((v) => v !== null && v !== undefined);
  } catch {
    return parseCampaignFile(file, text);
  }
  const lines = firstLines(text);
  // The positioned parser reports a count it disagrees on, and nesting past the bound, with a place.
  if (lines.length !== values.length || values.some(nestsTooDeep)) return parseCampaignFile(file, text);
  let positioned: ParsedFile | null = null;
  const documents: LoadedDocument[] = values.map((value, index) => ({
    file,
    index,
    value,
    line: lines[index]!,
    locate: (pointer, options) => (positioned ??= parseCampaignFile(file, text)).documents[index]?.locate(pointer, options),
  }));
  return { documents, diagnostics: [], fast: true };
}
