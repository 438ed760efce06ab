/**
 * Campaign files -> YAML documents with a position map (parsing only). YAML 1.2 core schema, so `13:45:11`
 * and dates stay strings. Malformed YAML is a positioned diagnostic, never a throw.
 */
import { createRequire } from "node:module";
import type { Document, LineCounter, Node } from "yaml";
import { error, type Diagnostic, type SourceRange } from "../diagnostics/diagnostic.js";
import { segmentsOf } from "../diagnostics/pointer.js";
import { checkDocumentBounds, MAX_ALIAS_CHARS, MAX_ALIAS_VALUES, MAX_FILE_BYTES, MAX_NESTING, type BoundsFinding } from "./bounds.js";

/** The `yaml` library (many modules) loads on first use: a valid file is read by the fast path (fast.ts) alone. */
let yamlLibrary: typeof import("yaml") | null = null;
const yaml = (): typeof import("yaml") => (yamlLibrary ??= createRequire(import.meta.url)("yaml") as typeof import("yaml"));

export interface LoadedDocument {
  file: string;
  index: number;
  value: unknown;
  /** 1-based line of the campaign's first key. */
  line: number;
  /**
   * Source range of the node at a JSON pointer (the nearest existing ancestor when the path is missing); with
   * `key`, the range of the pointer's last key instead of its value (an unknown key is the key's fault).
   */
  locate(pointer: string, options?: { key?: boolean }): SourceRange | undefined;
}

export interface ParsedFile {
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
  /** Read by the fast path (fast.ts), whose parser accepts some text the positioned one refuses. */
  fast?: true;
}

/** Aliases one document may expand, as the `yaml` library counts them. */
const MAX_ALIAS_COUNT = 100;

function rangeOf(counter: LineCounter, start: number, end: number): SourceRange {
  const a = counter.linePos(start);
  const b = counter.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

function segments(pointer: string): string[] {
  return segmentsOf(pointer);
}

/** Walks a pointer over YAML nodes; for a missing key, the closest ancestor. A key segment may point at the key node. */
function locateIn(doc: Document, counter: LineCounter, pointer: string): SourceRange | undefined {
  let node: unknown = doc.contents;
  let last: { range?: [number, number, number] | null } | null = (node as Node | null) ?? null;
  for (const segment of segments(pointer)) {
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => (yaml().isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
      if (!pair) break;
      // Point at the key when the value has no range of its own (null) or when the key is the subject.
      last = (pair.value as Node | null)?.range ? (pair.value as Node) : (pair.key as Node);
      node = pair.value;
      if (!(pair.value as Node | null)?.range) break;
    } else if (yaml().isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      last = item;
      node = item;
    } else break;
  }
  const range = last?.range;
  return range ? rangeOf(counter, range[0], range[1]) : undefined;
}

/**
 * A pointer's last key as a key node (for unknown-key diagnostics, the key itself is the subject; for a missing
 * key, the key of the map that lacks it). The document root has no key: its first key stands for it.
 */
function locateKey(doc: Document, counter: LineCounter, pointer: string): SourceRange | undefined {
  const parts = segments(pointer);
  const key = parts.pop();
  if (key === undefined) {
    const first = yaml().isMap(doc.contents) ? (doc.contents.items[0]?.key as Node | undefined)?.range : undefined;
    return first ? rangeOf(counter, first[0], first[1]) : undefined;
  }
  const parent = parts.length ? doc.getIn(parts, true) : doc.contents;
  if (!yaml().isMap(parent)) return undefined;
  const pair = parent.items.find((p) => yaml().isScalar(p.key) && String(p.key.value) === key);
  const range = (pair?.key as Node | undefined)?.range;
  return range ? rangeOf(counter, range[0], range[1]) : undefined;
}

/** A file over MAX_FILE_BYTES, refused before it is parsed (null when within). */
export function fileTooLarge(file: string, text: string): Diagnostic | null {
  // UTF-16 length bounds the UTF-8 size from below; count bytes only near the limit.
  if (text.length * 3 <= MAX_FILE_BYTES || Buffer.byteLength(text, "utf8") <= MAX_FILE_BYTES) return null;
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return error("file-too-large", `${file} is ${mib(Buffer.byteLength(text, "utf8"))}; a campaign file may hold at most ${mib(MAX_FILE_BYTES)}`, {
    file,
    range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    hint: "no provider field takes more than a few KB: shorten the long value, or put a long audience in an audience file (devicesFile, usersFile...)",
  });
}

export function parseCampaignFile(file: string, text: string): ParsedFile {
  const tooLarge = fileTooLarge(file, text);
  if (tooLarge) return { documents: [], diagnostics: [tooLarge] };
  const counter = new (yaml().LineCounter)();
  const docs = yaml().parseAllDocuments(text, { lineCounter: counter, version: "1.2", schema: "core", uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const documents: LoadedDocument[] = [];
  // An empty stream parses to an EmptyStream (not an array): no campaigns, no problem.
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, index) => {
    for (const e of doc.errors) diagnostics.push({ ...syntax(file, counter, e), document: index });
    for (const w of doc.warnings) diagnostics.push({ ...syntax(file, counter, w), severity: "warning", document: index });
    if (doc.errors.length || doc.contents === null || (yaml().isScalar(doc.contents) && doc.contents.value === null)) return;
    const unresolved = unresolvedAliases(doc, file, counter);
    if (unresolved.length) {
      diagnostics.push(...unresolved.map((d) => ({ ...d, document: index })));
      return;
    }
    const beyond = checkDocumentBounds(yaml(), doc);
    if (beyond) {
      diagnostics.push({ ...boundsDiagnostic(file, counter, beyond), document: index });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (cause) {
      // Aliases that expand past the limit (a "billion laughs" document); the message says which.
      const range = doc.contents.range;
      diagnostics.push({
        ...error("yaml-syntax", cause instanceof Error ? cause.message : String(cause), {
          file,
          ...(range ? { range: rangeOf(counter, range[0], range[1]) } : {}),
          hint: "use fewer aliases, or write the values out",
        }),
        document: index,
      });
      return;
    }
    const contents = doc.contents as Node;
    const firstKey = yaml().isMap(contents) ? (contents.items[0]?.key as Node | undefined)?.range?.[0] : contents.range?.[0];
    documents.push({
      file,
      index,
      value,
      line: counter.linePos(firstKey ?? contents.range?.[0] ?? 0).line,
      locate: (pointer, options) => (options?.key ? locateKey(doc, counter, pointer) : undefined) ?? locateIn(doc, counter, pointer),
    });
  });
  return { documents, diagnostics };
}

/** Aliases a document uses without an anchor before them (anchors are per document in YAML). */
function unresolvedAliases(doc: Document, file: string, counter: LineCounter): Diagnostic[] {
  const found: Diagnostic[] = [];
  yaml().visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return;
      const range = alias.range;
      found.push(
        error("yaml-syntax", `alias *${alias.source} refers to no anchor &${alias.source} before it in this document`, {
          file,
          ...(range ? { range: rangeOf(counter, range[0], range[1]) } : {}),
          hint: `define &${alias.source} earlier in the same document (anchors do not cross \`---\`), or write the value out`,
        }),
      );
    },
  });
  return found;
}

function boundsDiagnostic(file: string, counter: LineCounter, finding: BoundsFinding): Diagnostic {
  const range = finding.node.range;
  const at = { file, ...(range ? { range: rangeOf(counter, range[0], range[1]) } : {}) };
  switch (finding.kind) {
    case "depth":
      return error("yaml-depth", `maps and lists nest more than ${MAX_NESTING} levels deep here`, {
        ...at,
        hint: "a campaign nests a few levels: flatten this value",
      });
    case "cycle":
      return error("yaml-alias-cycle", `alias *${finding.alias} is inside the node &${finding.alias} it repeats, so the value would never end`, {
        ...at,
        hint: `point *${finding.alias} at a node that does not contain it, or write the value out`,
      });
    case "expansion":
      return error(
        "yaml-alias-expansion",
        `aliases repeat anchored values into more than ${MAX_ALIAS_VALUES.toLocaleString("en")} values or ${MAX_ALIAS_CHARS / 1024 / 1024} MiB of text (${finding.values.toLocaleString("en")} values, ${finding.chars.toLocaleString("en")} characters so far)`,
        {
          ...at,
          hint: "use an audience file (devicesFile, usersFile...) for a long list, and aliases only for small shared blocks",
        },
      );
  }
}

function syntax(file: string, counter: LineCounter, e: { message: string; pos: [number, number]; code: string }): Diagnostic {
  if (e.code === "RESOURCE_EXHAUSTION") {
    // The parser ran out of stack: nesting far past MAX_NESTING.
    return error("yaml-depth", `maps and lists nest more than ${MAX_NESTING} levels deep here`, {
      file,
      range: rangeOf(counter, e.pos[0], e.pos[1]),
      hint: "a campaign nests a few levels: flatten this value",
    });
  }
  const message = e.message.split("\n")[0] ?? e.message;
  return error("yaml-syntax", message.replace(/ at line \d+, column \d+:?$/, ""), {
    file,
    range: rangeOf(counter, e.pos[0], e.pos[1]),
    hint: e.code === "DUPLICATE_KEY" ? "each key appears once in a mapping" : "fix the YAML syntax (indentation, quotes, `key: value`)",
  });
}
