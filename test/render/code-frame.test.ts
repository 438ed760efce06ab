import { describe, expect, it } from "vitest";
import { renderDiagnosticsGithub } from "../../src/render/diagnostics/github.js";
import { renderDiagnosticsJson } from "../../src/render/diagnostics/json.js";
import { renderDiagnosticsText } from "../../src/render/diagnostics/text.js";
import { codeFrame, FRAME_WIDTH } from "../../src/render/code-frame.js";
import { error } from "../../src/diagnostics/diagnostic.js";

describe("code frames over huge input", () => {
  it("cuts a long line to a window around the range, with ellipses, carets under the range", () => {
    const line = `body: ${"x".repeat(10_000)}TARGET${"y".repeat(10_000)}`;
    const column = line.indexOf("TARGET") + 1;
    const frame = codeFrame(`id: a\n${line}\nttl: 1\n`, { line: 2, column, endLine: 2, endColumn: column + 6 });
    const [, shown, carets] = frame.split("\n");
    expect(shown!.length).toBeLessThan(FRAME_WIDTH + 20);
    expect(shown).toMatch(/\| …x+TARGETy+…$/);
    expect(shown!.indexOf("TARGET")).toBe(carets!.indexOf("^"));
    expect(carets).toMatch(/\^{6}$/);
  });

  it("elides the middle of a range over many lines", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `k${i}: v`).join("\n");
    const frame = codeFrame(text, { line: 1, column: 1, endLine: 1000, endColumn: 5 });
    expect(frame.split("\n").length).toBeLessThan(20);
    expect(frame).toContain("… 994 more lines");
    expect(frame).toContain("> 1000 | k999: v");
  });

  it("a huge message or hint is cut in every format", () => {
    const d = error("json-text", `notification.extParameters is not valid JSON: ${"z".repeat(1_000_000)}`, { hint: "h".repeat(1_000_000), file: "a.yaml" });
    const summary = { errors: 1, warnings: 0, files: 1, campaigns: 1 };
    expect(renderDiagnosticsText([d], { sources: () => undefined, color: false, summary }).length).toBeLessThan(1_200);
    expect(renderDiagnosticsJson([d], summary).length).toBeLessThan(1_500);
    expect(renderDiagnosticsGithub([d]).length).toBeLessThan(1_200);
    expect(renderDiagnosticsJson([d], summary)).toContain("… (999,");
  });
});
