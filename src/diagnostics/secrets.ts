/**
 * Secrets in text shown to a user (code frames over the config, messages): every form a database password or an
 * access key secret takes in a config is replaced by `***`. One module, so every output masks the same forms:
 * a URL's userinfo password (with or without a user), `password=` as a URL query parameter or a libpq
 * `host=... password=...` string, and any key named like a secret (`accessKeySecret: "..."`,
 * `ALIBABA_CLOUD_ACCESS_KEY_SECRET=...`, `"password": "..."`).
 */
import type { Diagnostic } from "./diagnostic.js";

export const MASK = "***";

/** A span [start, end) of a secret's value in a text. */
export type Span = [number, number];

/** `scheme://user:PASSWORD@host` and `scheme://:PASSWORD@host`: the password runs to the last `@` of the authority. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"`]*:([^\s/?#'"`]*)@/gi;
/** `?password=...`, `&password=...`, libpq `password=...` or `password='...'`, and `sslpassword`. */
const PASSWORD_PARAM = /(?:^|[\s?&;,({])(?:ssl)?(?:password|passwd|pwd)\s*=\s*('(?:[^'\\\n]|\\.)*'|[^\s&'"`,;)}]+)/gi;
/**
 * A key named like a secret, where a key stands (a line's start, after `{`, `,`, `(` or `;`), then `:` or `=`, then a
 * quoted or bare value; a list or an object (`[...]`, `{...}`) is not one secret.
 */
const SECRET_KEY =
  /(?<=(?:^|[{,(;])[ \t]*(?:export[ \t]+)?)["']?[\w.-]*(?:secret|password|passwd|token|credential|private_?key|api_?key)[\w.-]*["']?\s*[:=]\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`|[^\s,;&'"`})\][{]+)/gim;

/** The spans of secret values in `text`, sorted and merged. A quoted value's quotes stay outside the span. */
export function secretSpans(text: string): Span[] {
  const spans: Span[] = [];
  const add = (match: RegExpExecArray, value: string) => {
    const end = match.index + match[0].length;
    let start = end - value.length;
    let stop = end;
    if (/^["'`]/.test(value) && value.length >= 2) {
      start += 1;
      stop -= 1;
    }
    // A URL's password ends before the `@` the pattern consumed.
    if (match[0].endsWith("@") && value === match[1]) {
      start = end - 1 - value.length;
      stop = end - 1;
    }
    if (stop > start) spans.push([start, stop]);
  };
  for (const m of text.matchAll(URL_PASSWORD)) add(m as RegExpExecArray, m[1]!);
  for (const m of text.matchAll(PASSWORD_PARAM)) add(m as RegExpExecArray, m[1]!);
  for (const m of text.matchAll(SECRET_KEY)) {
    const value = m[1]!;
    // A reference is not a secret: `process.env.X`, `env("X")`, a variable name.
    if (/^(?:process\.env\.|import\.meta\.env\.)/.test(value) || /^[A-Za-z_$][\w$]*\(/.test(value)) continue;
    add(m as RegExpExecArray, value);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** `text` with every secret value replaced by `***`. */
export function maskSecrets(text: string): string {
  const spans = secretSpans(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}

/** A diagnostic whose message and hint show no secret. */
export function maskDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const message = maskSecrets(diagnostic.message);
  const hint = diagnostic.hint === undefined ? undefined : maskSecrets(diagnostic.hint);
  if (message === diagnostic.message && hint === diagnostic.hint) return diagnostic;
  return { ...diagnostic, message, ...(hint === undefined ? {} : { hint }) };
}

/** A connection URL (or libpq string) without its password, for messages. */
export function maskUrl(url: string): string {
  return maskSecrets(url);
}
