import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { rules, TUNABLE } from "../../src/diagnostics/levels.js";

describe("the rules", () => {
  it("the README's table of tunable rules is the registry's", () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` +\| warn +\| (.+?) +\|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([...TUNABLE].map(([code, what]) => [code, what]));
  });
  it("every code has a level: the tunable ones warn, the rest are errors", () => {
    const all = rules();
    expect(
      all
        .filter((r) => r.level === "warn")
        .map((r) => r.code)
        .sort(),
    ).toEqual([...TUNABLE.keys()].sort());
    expect(all.length).toBeGreaterThan(80);
  });
});
