import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, idempotentToken, messageKey } from "../../src/lib/digest.js";

/** The canonical form written plainly: sorted entries joined, every leaf through JSON.stringify. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : reference(v))).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(record[k])}`);
  return `{${entries.join(",")}}`;
}

describe("canonicalJson", () => {
  it("is JSON with keys sorted at every level, whatever order they were written in", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof(
        { depthSize: "small" },
        tie("leaf"),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie("node"), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
    expect(canonicalJson({ b: 1, a: { d: [1, undefined, "x"], c: NaN } })).toBe('{"a":{"c":null,"d":[1,null,"x"]},"b":1}');
  });
  it("derives idempotency values that are deterministic, well-formed and distinct per key", () => {
    expect(idempotentToken("a", "h")).toBe(idempotentToken("a", "h"));
    expect(idempotentToken("a", "h")).not.toBe(idempotentToken("b", "h"));
    expect(idempotentToken("a", "h")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(messageKey("a", "h", "u1")).toMatch(/^[0-9a-f]{32}$/);
    expect(messageKey("a", "h", "u1")).not.toBe(messageKey("a", "h", "u2"));
  });
});
