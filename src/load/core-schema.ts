/**
 * YAML 1.2 core schema for js-yaml, resolving plain scalars exactly as the `yaml` library's core schema does
 * (its tests, in its order). js-yaml's own CORE_SCHEMA is wider (`0b101`, `1_000`), so the fast path would read
 * some files differently from the positioned parser that reports their diagnostics.
 */
import { FAILSAFE_SCHEMA, Type } from "js-yaml";

type Form = [test: RegExp, construct: (text: string) => unknown];

/**
 * One tag's forms, tried in order (js-yaml keeps one type per tag). Every plain scalar of a file passes through
 * every tag's resolver, so `starts` turns most of them (titles, ids) away by their first character.
 */
function scalar(tag: string, starts: string, forms: Form[]): Type {
  const first = new Set([...starts].map((c) => c.charCodeAt(0)));
  const formOf = (text: string): Form | undefined => {
    if (text.length > 0 && !first.has(text.charCodeAt(0))) return undefined;
    for (const form of forms) if (form[0].test(text)) return form;
    return undefined;
  };
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (data: string | null) => formOf(data ?? "") !== undefined,
    construct: (data: string | null) => formOf(data ?? "")![1](data ?? ""),
  });
}

const NUMBER_STARTS = "0123456789+-.";

export const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar("null", "~nN", [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalar("bool", "tTfF", [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === "t" || text[0] === "T"]]),
    scalar("int", NUMBER_STARTS, [
      [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
      [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)],
    ]),
    scalar("float", NUMBER_STARTS, [
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        (text) => (text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)],
    ]),
  ],
});
