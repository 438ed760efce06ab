import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCampaignFileFast } from "../../src/load/fast.js";
import { parseCampaignFile } from "../../src/load/index.js";

// Plain scalars where YAML schemas disagree (1.1 booleans, js-yaml's wider numbers, times and dates), each also
// quoted: the fast path must read them as the positioned parser does.
const TRICKY = [
  "0b101",
  "1_000",
  "0o17",
  "0x1F",
  "0X1F",
  "+.5",
  ".5",
  "1.",
  "1e3",
  "1E+3",
  "+1",
  "-0",
  "007",
  "~",
  "null",
  "Null",
  "NULL",
  "",
  "TRUE",
  "True",
  "yes",
  "on",
  "off",
  "y",
  "12:30:00",
  "13:45:11",
  "2021-07-08",
  "2021-07-08T12:00:00Z",
  ".inf",
  "-.Inf",
  ".NaN",
  "0.10",
  "1.5e-3",
  "+0x1",
  "-0o7",
  "device-id",
  "a b",
  "3.14.15",
];

const scalar = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.constantFrom(...TRICKY).map((s) => JSON.stringify(s)),
  fc.constantFrom(...TRICKY).map((s) => `'${s}'`),
  fc
    .string({ unit: fc.constantFrom("a", "1", ".", "-", "+", "e", "x", "o", "_", ":", " ") })
    .filter((s) => /^[a1]/.test(s) && !s.endsWith(" ") && !s.includes(": ")),
);
const entry = fc.tuple(
  fc.constantFrom("id", "title", "badge", "on", "yes", "time", "from", "n"),
  fc.oneof(
    scalar,
    fc.array(scalar, { minLength: 1, maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
  ),
);
const doc = fc
  .uniqueArray(entry, { minLength: 1, maxLength: 5, selector: ([k]) => k })
  .chain((entries) =>
    fc
      .tuple(fc.constantFrom("", "# comment\n", "\n\n", "# a\n\n# b\n"), fc.constant(entries.map(([k, v]) => `${k}: ${v}\n`).join("")))
      .map(([lead, body]) => lead + body),
  );
const separator = fc.constantFrom("---\n", "--- # next\n", "...\n---\n", "\n---\n\n", "--- !!map\n", "--- !!map # tagged\n");
const file = fc
  .array(doc, { minLength: 1, maxLength: 3 })
  .chain((docs) =>
    fc
      .tuple(fc.constantFrom("", "---\n", "# yaml-language-server: $schema=x\n"), fc.array(separator, { minLength: docs.length, maxLength: docs.length }))
      .map(([start, seps]) => start + docs.map((d, i) => (i ? seps[i]! : "") + d).join("")),
  );

describe("the fast loading path", () => {
  it("reads every file as the positioned parser does: same documents, values and first lines", () => {
    fc.assert(
      fc.property(file, (text) => {
        const slow = parseCampaignFile("f.yaml", text);
        const fast = parseCampaignFileFast("f.yaml", text);
        expect(fast.diagnostics).toEqual(slow.diagnostics);
        expect(fast.documents.map((d) => [d.index, d.line, d.value])).toEqual(slow.documents.map((d) => [d.index, d.line, d.value]));
      }),
      { numRuns: 500 },
    );
  });
  it("reads a document that starts on its marker line", () => {
    const text = "--- {id: a}\n--- # b follows\nid: b\n";
    expect(parseCampaignFileFast("f.yaml", text).documents.map((d) => [d.line, d.value])).toEqual(
      parseCampaignFile("f.yaml", text).documents.map((d) => [d.line, d.value]),
    );
  });
});
