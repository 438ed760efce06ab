/** diagnostics/codes.ts lists every code src/ emits: each literal passed as a code is in DIAGNOSTIC_CODES. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";

const SRC = resolve(import.meta.dirname, "../../src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
/** Where a code is written today: error/warning("x"), code: "x", refuse("x", notAFolder(.., "x", and the plan-lint rule names. */
const CODE_SITES = [
  /\b(?:error|warning|refuse)\(\s*"([a-z0-9-]+)"/g,
  /\bcode: "([a-z0-9-]+)"/g,
  /notAFolder\([^,]+,[^,]+,\s*"([a-z0-9-]+)"/g,
  /^type Rule = (.*);$/gm,
];

it("lists every diagnostic code written in src/", () => {
  const written = new Set<string>();
  for (const file of files(SRC).filter((f) => !f.includes("/emulator/") && !f.includes("/generated/"))) {
    const text = readFileSync(file, "utf8");
    for (const site of CODE_SITES) for (const m of text.matchAll(site)) for (const c of (m[1] ?? "").matchAll(/[a-z0-9]+(?:-[a-z0-9]+)+/g)) written.add(c[0]);
  }
  expect(written.size).toBeGreaterThan(60);
  expect([...written].filter((c) => !(DIAGNOSTIC_CODES as readonly string[]).includes(c)).sort()).toEqual([]);
});
