import { describe, it, expect } from "vitest";
import { parseCampaignFile } from "../../src/load/index.js";
import { locateDiagnostics } from "../../src/diagnostics/locate.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

const text = ["id: a", "app: shop", "---", "id: b", "app: shop", "notification:", "  title: Hello", ""].join("\n");

describe("locateDiagnostics", () => {
  it("fills ranges from pointers in the right document and keeps existing ranges", () => {
    const { documents } = parseCampaignFile("c.yaml", text);
    const lookup = (file: string, index: number) => (file === "c.yaml" ? documents.find((d) => d.index === index) : undefined);
    const kept = { line: 1, column: 1, endLine: 1, endColumn: 3 };
    const input: Diagnostic[] = [
      { severity: "error", code: "yaml-syntax", message: "m", file: "c.yaml", document: 1, pointer: "/notification/title" },
      { severity: "error", code: "yaml-syntax", message: "m", file: "c.yaml", document: 0, pointer: "/app", range: kept },
      { severity: "error", code: "yaml-syntax", message: "m", file: "other.yaml", document: 0, pointer: "/app" },
    ];
    const [title, withRange, unknown] = locateDiagnostics(input, lookup);
    expect(title!.range).toEqual({ line: 7, column: 10, endLine: 7, endColumn: 15 });
    expect(withRange!.range).toEqual(kept);
    expect(unknown!.range).toBeUndefined();
  });
});
