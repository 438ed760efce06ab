/**
 * The layout is the pipeline: each top-level folder of src/ imports only the folders below it in LAYERS, so the
 * core never reaches up into the edge, and no two folders import each other. The emulator is the providers' side
 * of the wire and imports nothing of push. Read from the import specifiers of every module (static, type-only,
 * re-exports and dynamic imports alike).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** Top to bottom: a folder may import itself and the folders after it. */
const LAYERS = [
  "cli",
  "pipeline",
  "render",
  "apply",
  "plan",
  "refresh",
  "compile",
  "validate",
  "config",
  "load",
  "state",
  "providers",
  "lib",
  "model",
  "diagnostics",
];
/** Concrete clients and backends: only the edge (and their own folder) chooses one. */
const CONCRETE = [
  /^providers\/(registry|openapi|reply)\.ts$/,
  /^providers\/(emas|mpaas)\/provider\.ts$/,
  /^state\/(local|postgres|memory)\//,
  /^state\/factory\.ts$/,
];

const SRC = resolve(import.meta.dirname, "../../src");
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\b[^"';]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|^import\s+["'](\.{1,2}\/[^"']+)["']/gm;

interface Edge {
  from: string;
  to: string;
}

function edges(): Edge[] {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  return files.flatMap((from) =>
    [...readFileSync(join(SRC, from), "utf8").matchAll(SPECIFIER)].map((m) => ({
      from,
      to: relative(SRC, resolve(dirname(join(SRC, from)), m[1] ?? m[2] ?? m[3]!)).replace(/\.js$/, ".ts"),
    })),
  );
}

const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : "(root)");

describe("the import graph of src/", () => {
  const all = edges();

  it("finds the imports it checks", () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all).toContainEqual({ from: "cli/commands/apply.ts", to: "apply/apply.ts" });
  });

  it("points down the pipeline: no folder imports one above it", () => {
    const upward = all.filter(({ from, to }) => {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a === b || a === "(root)") return false;
      if (a === "emulator" || b === "emulator") return a !== "cli" || b !== "emulator";
      const [i, j] = [LAYERS.indexOf(a), LAYERS.indexOf(b)];
      return i < 0 || j < 0 || j < i;
    });
    expect(upward.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it("reaches a concrete provider client or state backend only from the edge", () => {
    const concrete = all.filter(({ from, to }) => CONCRETE.some((c) => c.test(to)) && !["cli", folderOf(to)].includes(folderOf(from)));
    expect(concrete.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it("has no cycle between top-level folders", () => {
    const next = new Map<string, Set<string>>();
    for (const { from, to } of all) {
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
    }
    const cycles: string[] = [];
    const walk = (node: string, path: string[]) => {
      if (path.includes(node)) return void cycles.push([...path.slice(path.indexOf(node)), node].join(" -> "));
      for (const b of next.get(node) ?? []) walk(b, [...path, node]);
    };
    for (const start of next.keys()) walk(start, []);
    expect(cycles).toEqual([]);
  });
});
