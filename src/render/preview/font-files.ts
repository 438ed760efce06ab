/**
 * Reads the shipped fonts' catalogue and files from the installed @fontsource packages (dependencies of push, so
 * they are wherever push is installed). With screenshot.ts, the modules of render/ that leave the process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FONT_WEIGHTS, parseFontFaces, type FontFace } from "./fonts.js";

const require = createRequire(import.meta.url);

/** Each family's package and the weights it is loaded in. */
const PACKAGES: Array<{ name: string; weights: readonly number[] }> = [
  { name: "@fontsource/noto-sans", weights: FONT_WEIGHTS },
  { name: "@fontsource/noto-sans-sc", weights: FONT_WEIGHTS },
  { name: "@fontsource/noto-sans-mono", weights: FONT_WEIGHTS },
  { name: "@fontsource/noto-emoji", weights: FONT_WEIGHTS },
];

export interface FontCatalogue {
  faces: FontFace[];
  /** The bytes of a face's file. */
  read: (face: FontFace) => Buffer;
}

export function loadFontCatalogue(): FontCatalogue {
  const folders = new Map<string, string>();
  const faces = PACKAGES.flatMap(({ name, weights }) =>
    weights.flatMap((weight) => {
      const css = require.resolve(`${name}/${weight}.css`);
      const found = parseFontFaces(readFileSync(css, "utf8"));
      for (const face of found) folders.set(face.file, join(dirname(css), "files"));
      return found;
    }),
  );
  return { faces, read: (face) => readFileSync(join(folders.get(face.file)!, face.file)) };
}
