/**
 * What one campaign file may hold. A hostile or mistaken file (50 MB of text, nesting a thousand levels deep, an
 * alias that contains itself, aliases that multiply a list) is answered with a positioned diagnostic before
 * anything recurses over its values or copies them.
 */
import type { Document, Node } from "yaml";

/**
 * At most 8 MiB of text per campaign file. Every provider field is a few KB at most (EMAS: Message 4,000 bytes,
 * a title 200 bytes; APNs: a 4,096-byte payload) and an inline audience at most 1,000 ids of up to 128 bytes
 * (api-facts §2.4), so a file of many campaigns stays far below it; above it, parsing alone would take 20x its
 * size in memory (a 50 MB body took 2.3 GB).
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Nesting of maps and lists. A campaign nests about 5 levels (notification.mpaas.extendedParams.key); JSON maps a few more. */
export const MAX_NESTING = 64;

/**
 * Values and characters that aliases may add to a document by repeating anchored nodes. Sharing a notification
 * block adds a few hundred; a quadratic list (a long anchored list aliased many times) adds millions.
 */
export const MAX_ALIAS_VALUES = 100_000;
export const MAX_ALIAS_CHARS = 1024 * 1024;

export type BoundsFinding =
  | { kind: "depth"; node: Node }
  | { kind: "cycle"; node: Node; alias: string }
  | { kind: "expansion"; node: Node; values: number; chars: number };

interface Size {
  values: number;
  chars: number;
}

interface Frame {
  node: Node;
  children: Node[];
  next: number;
  depth: number;
  /** Expanded size (aliases counted as their anchor) and written size (an alias counts 1) of what is done. */
  expanded: Size;
  written: Size;
}

type Yaml = typeof import("yaml");

/** Children of a collection node: pairs give their key and value nodes. */
function childrenOf(yaml: Yaml, node: Node): Node[] {
  if (!yaml.isCollection(node)) return [];
  const out: Node[] = [];
  for (const item of node.items as unknown[]) {
    if (yaml.isPair(item)) {
      if (yaml.isNode(item.key)) out.push(item.key);
      if (yaml.isNode(item.value)) out.push(item.value);
    } else if (yaml.isNode(item)) out.push(item);
  }
  return out;
}

function scalarChars(yaml: Yaml, node: Node): number {
  return yaml.isScalar(node) ? String(node.value ?? "").length : 0;
}

/**
 * Walks a parsed document without recursion: the first node nested past MAX_NESTING, an alias inside the node
 * it names, or aliases that add more than the limits. Null when the document is within bounds.
 */
export function checkDocumentBounds(yaml: Yaml, doc: Document): BoundsFinding | null {
  const root = doc.contents as Node | null;
  if (!root) return null;
  // Expanded size of every node already walked (anchors precede their aliases, so an alias finds its anchor here).
  const sizes = new Map<Node, Size>();
  const onPath = new Set<Node>();
  const open = (node: Node, depth: number): Frame => ({
    node,
    children: childrenOf(yaml, node),
    next: 0,
    depth,
    expanded: { values: 1, chars: scalarChars(yaml, node) },
    written: { values: 1, chars: scalarChars(yaml, node) },
  });
  const stack: Frame[] = [open(root, 1)];
  onPath.add(root);
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!;
      if (yaml.isAlias(child)) {
        const target = child.resolve(doc) as Node | undefined;
        if (target && onPath.has(target)) return { kind: "cycle", node: child, alias: child.source };
        const size = (target && sizes.get(target)) ?? { values: 1, chars: 0 };
        frame.expanded.values += size.values;
        frame.expanded.chars += size.chars;
        frame.written.values += 1;
        if (frame.expanded.values - frame.written.values > MAX_ALIAS_VALUES || frame.expanded.chars - frame.written.chars > MAX_ALIAS_CHARS) {
          return { kind: "expansion", node: child, values: frame.expanded.values - frame.written.values, chars: frame.expanded.chars - frame.written.chars };
        }
        continue;
      }
      if (yaml.isCollection(child) && frame.depth + 1 > MAX_NESTING) return { kind: "depth", node: child };
      stack.push(open(child, frame.depth + (yaml.isCollection(child) ? 1 : 0)));
      onPath.add(child);
      continue;
    }
    stack.pop();
    onPath.delete(frame.node);
    sizes.set(frame.node, frame.expanded);
    const parent = stack[stack.length - 1];
    if (!parent) break;
    parent.expanded.values += frame.expanded.values;
    parent.expanded.chars += frame.expanded.chars;
    parent.written.values += frame.written.values;
    parent.written.chars += frame.written.chars;
    if (parent.expanded.values - parent.written.values > MAX_ALIAS_VALUES || parent.expanded.chars - parent.written.chars > MAX_ALIAS_CHARS) {
      return {
        kind: "expansion",
        node: frame.node,
        values: parent.expanded.values - parent.written.values,
        chars: parent.expanded.chars - parent.written.chars,
      };
    }
  }
  return null;
}

/** Whether a plain value (the fast path's) nests past MAX_NESTING; without recursion. */
export function nestsTooDeep(value: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length) {
    const { value: node, depth } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth > MAX_NESTING) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
