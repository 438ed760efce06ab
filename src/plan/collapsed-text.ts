/**
 * How much of a notification's text a collapsed view shows: the one measure that `push preview` (its text-fit
 * table) and the plan's `title-truncation` lint both use, so they agree. An estimate, not a provider limit: it wraps
 * at a fixed number of columns, a CJK character or an emoji taking two, so it reads the same on every machine.
 */
export type Platform = "ios" | "android" | "hmos";
export type TextField = "title" | "body";

/**
 * Lines a collapsed notification typically shows on the lock screen or in the shade: iOS shows up to four lines
 * of body, Android's and HarmonyOS's standard style two until expanded; a title one line everywhere.
 */
export const COLLAPSED_LINES: Record<Platform, Record<TextField, number>> = {
  ios: { title: 1, body: 4 },
  android: { title: 1, body: 2 },
  hmos: { title: 1, body: 2 },
};

/** Columns of a line on a 360-point-wide phone at the default font size; a CJK character or an emoji takes two. */
const COLUMNS_PER_LINE: Record<Platform, number> = { ios: 38, android: 40, hmos: 40 };

/** Whether a code point takes two columns (East Asian wide and fullwidth forms, emoji). */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

const columnsOf = (s: string): number => [...s].reduce((n, c) => n + (isWide(c.codePointAt(0)!) ? 2 : 1), 0);

/** The longest prefix of whole characters within `max` as `measure` counts. */
export function cutTo(text: string, max: number, measure: (s: string) => number): string {
  let out = "";
  for (const c of text) {
    if (measure(out + c) > max) break;
    out += c;
  }
  return out;
}

/** A token to wrap: a word, a run of spaces, or one wide character (CJK text has no spaces to break at). */
const TOKEN = /[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|[^\S\n]+|\n|./gu;

/**
 * Greedy wrapping at `columns`, as offsets into `text`: each line's end (spaces at a break belong to no line).
 * Breaks at spaces and between wide characters; a word longer than a line is broken inside; a newline ends a line.
 */
export function wrapLines(text: string, columns: number): number[] {
  const ends: number[] = [];
  let used = 0;
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const at = match.index;
    if (token === "\n") {
      ends.push(at);
      used = 0;
      continue;
    }
    const space = /^\s+$/.test(token);
    const width = columnsOf(token);
    if (used + width <= columns) {
      used += width;
      if (!space) end = at + token.length;
      continue;
    }
    if (used > 0) ends.push(end);
    used = 0;
    if (space) continue;
    let rest = token;
    let offset = at;
    while (columnsOf(rest) > columns) {
      const head = cutTo(rest, columns, columnsOf);
      offset += head.length;
      ends.push(offset);
      rest = rest.slice(head.length);
    }
    used = columnsOf(rest);
    end = offset + rest.length;
  }
  if (used > 0 || ends.length === 0) ends.push(end);
  return ends;
}

/** The first `shown` lines with an ellipsis, the last line shortened when the ellipsis would not fit on it. */
function cutAfter(text: string, ends: number[], shown: number, columns: number): string {
  const start = shown > 1 ? ends[shown - 2]! : 0;
  const head = text.slice(0, start);
  let last = text.slice(start, ends[shown - 1]);
  while (columnsOf(last.trim()) + 1 > columns) last = [...last].slice(0, -1).join("");
  return `${head}${last.trimEnd()}…`;
}

export interface CollapsedView {
  /** Estimated lines of the text at the platform's width, and the lines the collapsed view shows. */
  lines: number;
  shownLines: number;
  /** What the collapsed view shows, ending in "…" when it cuts. */
  shown: string;
  /** Characters of the text it shows (the ellipsis not counted), and whether it cuts. */
  shownChars: number;
  cut: boolean;
}

export function collapsedView(text: string, platform: Platform, field: TextField): CollapsedView {
  const columns = COLUMNS_PER_LINE[platform];
  const ends = wrapLines(text, columns);
  const shownLines = COLLAPSED_LINES[platform][field];
  const cut = ends.length > shownLines;
  const shown = cut ? cutAfter(text, ends, shownLines, columns) : text;
  return { lines: ends.length, shownLines, shown, shownChars: [...(cut ? shown.slice(0, -1) : shown)].length, cut };
}
