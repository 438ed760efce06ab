/**
 * Fitting a Markdown comment under the forge's size limit (DESIGN: long sections collapse, then truncate with a
 * note): lists cut to a budget, request blocks cut to a share of what is left, each with a note of what it left out.
 */

/** A code span that no text can break out of. */
export const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** A heading and one bullet per item, cut to `max` characters with a note of what was left out. */
export function bullets(title: string, items: string[], max: number): string {
  if (items.length === 0) return "";
  let out = `#### ${title}\n\n`;
  let shown = 0;
  for (const item of items) {
    if (out.length + item.length + 3 > max - 120) break;
    out += `- ${item}\n`;
    shown++;
  }
  if (shown < items.length) out += `- _…and ${items.length - shown} more: run \`push plan\` for the whole list_\n`;
  return `${out}\n`;
}

/**
 * A fenced block: `json` for a request, `diff` for a replace's changes. `render(limit)` writes it with every
 * string value longer than `limit` cut (Infinity: whole), so a block too large can keep its shape (the title and
 * body after a long device list) and lose only the long values.
 */
export interface Block {
  lang: "json" | "diff";
  render: (limit: number) => string;
}

/** `value` with each string longer than `limit` cut, saying how much it lost. */
export function shorten(value: unknown, limit: number): unknown {
  if (typeof value === "string") return value.length > limit ? `${value.slice(0, limit)}… (${value.length - limit} more characters)` : value;
  if (Array.isArray(value)) return value.map((v) => shorten(v, limit));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v, limit)]));
  return value;
}

/** Fewer characters than this of a block say too little to be worth showing: the note alone stands in for it. */
const SHORTEST_CUT = 200;
/** A string cut shorter than this says too little: the block is cut as text instead. */
const SHORTEST_VALUE = 40;

const LEFT_OUT = "_left out to stay under the comment size limit; `push plan --format json` has it_\n";
const CUT_VALUES = "_long values cut to stay under the comment size limit; `push plan --format json` has them whole_\n";

/** `text` in a fence longer than any run of backticks in it, so nothing in a request can close it. */
function fenced(lang: Block["lang"], text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}\n`;
}

/** Where to cut `text` to at most `max` characters: at a line end when one is near, never inside a surrogate pair. */
function cutAt(text: string, max: number): number {
  const line = text.lastIndexOf("\n", max);
  let at = line > max / 2 ? line : max;
  if (/[\uD800-\uDBFF]/.test(text[at - 1] ?? "")) at--;
  return at;
}

/**
 * The block in at most `room` characters: whole; else with its long values cut as little as fits; else its text
 * cut, with a note; else only the note.
 */
export function renderBlock(block: Block, room: number): string {
  const whole = block.render(Infinity);
  if (fenced(block.lang, whole).length <= room) return fenced(block.lang, whole);
  const fits = (limit: number) => fenced(block.lang, block.render(limit)).length + CUT_VALUES.length <= room;
  if (fits(SHORTEST_VALUE)) {
    let [lo, hi] = [SHORTEST_VALUE, whole.length];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    return fenced(block.lang, block.render(lo)) + CUT_VALUES;
  }
  const note = (shown: number) =>
    `_cut to ${shown} of ${whole.length} characters to stay under the comment size limit; \`push plan --format json\` has it whole_\n`;
  // The cut text ends in a line break and "…"; a fence may grow by a backtick: room for both.
  const overhead = fenced(block.lang, "…").length + note(whole.length).length + 2;
  if (room - overhead < SHORTEST_CUT) return LEFT_OUT;
  const at = cutAt(whole, room - overhead);
  return `${fenced(block.lang, `${whole.slice(0, at)}\n…`)}${note(at)}`;
}

/** What a block takes at the least: its note. */
export const leastOf = (block: Block) => renderBlock(block, 0).length;

/**
 * Shares `room` among needs so that the small ones get all they need and the large ones an equal share of the
 * rest (water-filling): one large request is cut rather than crowding out every other.
 */
export function share(needs: number[], room: number): number[] {
  const given = needs.map(() => 0);
  let left = room;
  const order = needs.map((_, i) => i).sort((a, b) => needs[a]! - needs[b]!);
  order.forEach((i, n) => {
    given[i] = Math.max(0, Math.min(needs[i]!, Math.floor(left / (order.length - n))));
    left -= given[i]!;
  });
  return given;
}
