/**
 * Short, safe excerpts of what a user wrote. A diagnostic names a value to help find it, never to copy it: a
 * 50 MB body quoted whole made a 100 MB error.
 */

/** Characters of a message or hint a renderer prints; the rest is cut with an ellipsis. */
export const MESSAGE_MAX_CHARS = 400;

/** `text` cut to `max` characters (a surrogate pair kept whole), with `…` and the count left out when cut. */
export function excerpt(text: string, max = 40): string {
  if (text.length <= max) return text;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}… (${(text.length - cut).toLocaleString("en")} more characters)`;
}

/** A value quoted as JSON in a message, cut to a short excerpt. */
export function quoted(value: unknown, max = 40): string {
  if (typeof value === "string") return JSON.stringify(excerpt(value, max));
  const text = JSON.stringify(value) ?? String(value);
  return excerpt(text, max);
}
