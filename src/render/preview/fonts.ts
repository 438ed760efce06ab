/**
 * The pages' fonts: Noto, shipped inside the package (the @fontsource packages), never the machine's, so that a
 * preview and its PNG images look the same on every machine, Chinese text and emoji included. Each family comes
 * split into files by Unicode range; a preview carries only the files its text needs, beside its pages, and the
 * pages load them by relative URL (they open from an artifact or a folder with no network).
 */

/**
 * The stacks the stylesheet names, in fallback order: a character takes the first family that has it. The emoji
 * font comes before the Chinese one, whose ranges hold some emoji too. Noto Emoji is the black-and-white one: the
 * colour one on the registry (@fontsource/noto-color-emoji) is an OpenType-SVG font, which Chromium draws blank.
 */
export const SANS_STACK = ["Noto Sans", "Noto Emoji", "Noto Sans SC"] as const;
export const MONO_STACK = ["Noto Sans Mono", "Noto Emoji", "Noto Sans SC"] as const;

/** The weights the stylesheet uses (400 text, 500 subtitles, 600 titles and headers, 700 `<b>` and headings). */
export const FONT_WEIGHTS = [400, 500, 600, 700] as const;

/** One file of a family: a weight over some Unicode ranges. */
export interface FontFace {
  family: string;
  weight: number;
  /** The file's name (a WOFF2 file of the package, written beside the pages under this name). */
  file: string;
  ranges: Array<[number, number]>;
}

/** `U+4e00-9fff,U+3000` -> ranges. */
function parseRanges(value: string): Array<[number, number]> {
  return value.split(",").map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
    const start = Number.parseInt(from!, 16);
    return [start, to === undefined ? start : Number.parseInt(to, 16)];
  });
}

/** The faces of a @fontsource stylesheet (its `@font-face` rules: family, weight, WOFF2 file, unicode-range). */
export function parseFontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const [, rule] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const family = /font-family:\s*'([^']+)'/.exec(rule!)?.[1];
    const weight = /font-weight:\s*(\d+)/.exec(rule!)?.[1];
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule!)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule!)?.[1];
    if (!family || !weight || !file || !range) throw new Error(`a @fontsource @font-face rule without family, weight, WOFF2 file or unicode-range: ${rule}`);
    faces.push({ family, weight: Number(weight), file, ranges: parseRanges(range) });
  }
  return faces;
}

const covers = (face: FontFace, codePoint: number) => face.ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

/**
 * The faces a browser loads to draw `text` with `stacks`: for each character, the faces (every weight) of the first
 * family in the stack whose ranges hold it. A character no family holds falls to the system's font.
 */
export function facesFor(catalogue: FontFace[], text: string, stacks: ReadonlyArray<readonly string[]>): FontFace[] {
  const byFamily = new Map<string, FontFace[]>();
  for (const face of catalogue) byFamily.set(face.family, [...(byFamily.get(face.family) ?? []), face]);
  const needed = new Set<FontFace>();
  const seen = new Set<number>();
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (seen.has(codePoint)) continue;
    seen.add(codePoint);
    for (const stack of stacks) {
      for (const family of stack) {
        const faces = (byFamily.get(family) ?? []).filter((face) => covers(face, codePoint));
        if (faces.length === 0) continue;
        for (const face of faces) needed.add(face);
        break;
      }
    }
  }
  return catalogue.filter((face) => needed.has(face));
}

const hex = (n: number) => n.toString(16);

/** `@font-face` rules that load each face from its file name, relative to the page. */
export function fontFaceCss(faces: FontFace[]): string {
  return faces
    .map((face) => {
      const ranges = face.ranges.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(",");
      return `@font-face { font-family: '${face.family}'; font-style: normal; font-weight: ${face.weight}; font-display: block; src: url(${face.file}) format('woff2'); unicode-range: ${ranges}; }`;
    })
    .join("\n");
}

/** A page with the `@font-face` rules added to its head. */
export function withFonts(html: string, css: string): string {
  if (!css) return html;
  const at = html.indexOf("</head>");
  if (at < 0) throw new Error("a preview page without </head>: cannot add its fonts");
  return `${html.slice(0, at)}<style>\n${css}\n</style>\n${html.slice(at)}`;
}
