/** What `push preview` prints on stdout: Markdown that reads as text in a terminal and pastes into a pull request. */
import { scheduleSummary } from "./calendar.js";
import type { PreviewDocument } from "./document.js";
import { plural, shownOn } from "./format.js";

export interface WrittenFiles {
  /** Paths as the user reads them (relative to the working directory). */
  dir: string;
  index: string;
  /** By campaign id. */
  pages: Map<string, string>;
  images: Map<string, string>;
  /** Why there are no images, when there are none. */
  imagesSkipped: string | null;
}

const cell = (s: string) => s.replace(/\|/g, "\\|");
const path = (p: string | undefined) => (p ? `\`${p.replace(/`/g, "'")}\`` : "-");

export function renderPreviewSummary(doc: PreviewDocument, files: WrittenFiles): string {
  const images = files.imagesSkipped ? `no PNG images (${files.imagesSkipped})` : plural(files.images.size, "PNG image");
  const rows = doc.campaigns.map((c) => {
    return `| \`${c.id}\` | ${cell(shownOn(c))} | ${cell(scheduleSummary(c))} | ${path(files.pages.get(c.id))} | ${path(files.images.get(c.id))} |`;
  });
  return [
    "### push preview",
    "",
    `${plural(files.pages.size, "campaign page")} and ${images} in ${path(files.dir)}; open ${path(files.index)}.`,
    "",
    "| campaign | shows on | sent | page | image |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
