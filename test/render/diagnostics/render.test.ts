import { describe, it, expect } from "vitest";
import type { Diagnostic } from "../../../src/diagnostics/diagnostic.js";
import { renderDiagnosticsText, type Summary } from "../../../src/render/diagnostics/text.js";
import { renderDiagnosticsJson } from "../../../src/render/diagnostics/json.js";
import { renderDiagnosticsGithub } from "../../../src/render/diagnostics/github.js";
import { parseCampaignFile } from "../../../src/load/index.js";
import { validateCampaignSchema } from "../../../src/validate/schema.js";
import { locateDiagnostics } from "../../../src/diagnostics/locate.js";

const file = "campaigns/promo.yaml";
const source = ["id: spring-sale", "app: shop", "target:", "  all: true", "notification:", "  title: Hi", "  apnsenv: DEV", ""].join("\n");

function diagnostics(): Diagnostic[] {
  const { documents } = parseCampaignFile(file, source);
  const doc = documents[0]!;
  const found = validateCampaignSchema(doc.value).map((d) => ({ ...d, file, document: 0 }));
  const warn: Diagnostic = {
    severity: "warning",
    code: "android-title-length",
    message: "title, 100% sure: too long",
    file,
    range: { line: 6, column: 10, endLine: 6, endColumn: 12 },
  };
  return [...locateDiagnostics(found, () => doc), warn];
}

const summary: Summary = { errors: 1, warnings: 1, files: 1, campaigns: 1 };

describe("diagnostic renderers", () => {
  it("text: position, code frame, hint, summary", async () => {
    const out = renderDiagnosticsText(diagnostics(), { sources: (f) => (f === file ? source : undefined), color: false, summary });
    expect(out).toMatch(/^campaigns\/promo\.yaml:\d+:\d+: error\[schema-/);
    expect(out).not.toMatch(/\x1b\[/);
    await expect(out).toMatchFileSnapshot("__golden__/text.txt");
  });

  it("text: colour only when asked", () => {
    const out = renderDiagnosticsText(diagnostics(), { sources: () => source, color: true, summary });
    expect(out).toMatch(/\x1b\[/);
  });

  it("text: a control character quoted in a message stays on its line, escaped", () => {
    const odd: Diagnostic = { severity: "error", code: "unknown-app", message: 'app "50%off\nx" is not in the config', hint: "tab\there" };
    const out = renderDiagnosticsText([odd], { sources: () => undefined, color: false, summary });
    expect(out.split("\n").slice(0, 2)).toEqual(['error[unknown-app]: app "50%off\\nx" is not in the config', "  = hint: tab\\there"]);
  });

  it("text: no problems", () => {
    const out = renderDiagnosticsText([], { sources: () => undefined, color: false, summary: { errors: 0, warnings: 0, files: 3, campaigns: 5 } });
    expect(out).toContain("no problems in 3 files (5 campaigns)");
  });

  it("json: fixed keys, nulls when missing", async () => {
    const out = renderDiagnosticsJson([...diagnostics(), { severity: "error", code: "yaml-syntax", message: "no place" }], summary);
    const parsed = JSON.parse(out) as { diagnostics: Array<Record<string, unknown>> };
    expect(Object.keys(parsed.diagnostics[0]!)).toEqual(["severity", "code", "message", "hint", "file", "line", "column", "endLine", "endColumn"]);
    expect(parsed.diagnostics.at(-1)!.line).toBeNull();
    expect(out.endsWith("\n")).toBe(true);
    await expect(out).toMatchFileSnapshot("__golden__/diagnostics.json");
  });

  it("github: workflow commands with escaping", async () => {
    const out = renderDiagnosticsGithub(diagnostics());
    expect(out).toContain("::warning file=campaigns/promo.yaml,line=6,col=10");
    expect(out).toContain("::title, 100%25 sure: too long");
    await expect(out).toMatchFileSnapshot("__golden__/github.txt");
  });
});
