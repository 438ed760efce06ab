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

/**
 * Names with how often each occurs, most first (then in order of first appearance), cut after `max`:
 * `loop-a (60), loop-b (41)`, `… and 12 more`. For a count that a message must explain ("101 tasks": whose?).
 */
export function countedNames(names: string[], max = 10): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, max).map(([name, n]) => `${excerpt(name)} (${n})`);
  return sorted.length > max ? `${shown.join(", ")} and ${sorted.length - max} more` : shown.join(", ");
}
