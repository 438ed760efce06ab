/**
 * Campaign files -> YAML documents with a position map (parsing only). YAML 1.2 core schema, so `13:45:11`
 * and dates stay strings. Malformed YAML is a positioned diagnostic, never a throw.
 */
import { createRequire } from "node:module";
import type { Document, LineCounter, Node } from "yaml";
import { error, type Diagnostic, type SourceRange } from "../diagnostics/diagnostic.js";

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
}

/** Aliases one document may expand, as the `yaml` library counts them. */
const MAX_ALIAS_COUNT = 100;

function rangeOf(counter: LineCounter, start: number, end: number): SourceRange {
  const a = counter.linePos(start);
  const b = counter.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

function segments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
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

export function parseCampaignFile(file: string, text: string): ParsedFile {
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
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (cause) {
      // Aliases that expand past the limit (a "billion laughs" document); the message says which.
      const range = doc.contents.range;
      diagnostics.push({ ...error("yaml-syntax", cause instanceof Error ? cause.message : String(cause), { file, ...(range ? { range: rangeOf(counter, range[0], range[1]) } : {}), hint: "use fewer aliases, or write the values out" }), document: index });
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

function syntax(file: string, counter: LineCounter, e: { message: string; pos: [number, number]; code: string }): Diagnostic {
  const message = e.message.split("\n")[0] ?? e.message;
  return error("yaml-syntax", message.replace(/ at line \d+, column \d+:?$/, ""), {
    file,
    range: rangeOf(counter, e.pos[0], e.pos[1]),
    hint: e.code === "DUPLICATE_KEY" ? "each key appears once in a mapping" : "fix the YAML syntax (indentation, quotes, `key: value`)",
  });
}
