import fc from "fast-check";
import { isAbsolute, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath } from "../../src/diagnostics/paths.js";

describe("displayPath", () => {
  it("is path.relative inside the working directory and the path itself outside it", () => {
    const segment = fc.constantFrom("a", "b", "campaigns", "x.yaml", ".", "..", "", ".hidden");
    const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join("/")}`);
    fc.assert(
      fc.property(path, path, (cwd, file) => {
        const rel = relative(cwd, file);
        expect(displayPath(file, cwd)).toBe(rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file);
      }),
      { numRuns: 3000 },
    );
    expect(displayPath("/p/campaigns/a.yaml", "/p")).toBe("campaigns/a.yaml");
  });
});
