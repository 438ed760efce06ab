/**
 * The fast path of loading. Most campaign files are valid, and a valid file needs values, not positions: parse
 * with js-yaml (YAML 1.2 core schema, ~7x faster than building a position map) and build the `yaml` node map
 * only when a diagnostic asks where something is. A file js-yaml refuses, or whose documents it counts
 * differently, goes through the positioned parser for its diagnostics.
 */
import { CORE_SCHEMA, loadAll } from "js-yaml";
import { parseCampaignFile, type LoadedDocument, type ParsedFile } from "./index.js";

/** The 1-based line of each non-empty document's first content line, or null when the layout is unusual. */
function firstLines(text: string): number[] | null {
  const lines = text.split("\n");
  const found: number[] = [];
  let seeking = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^---(\s|$)/.test(line)) {
      const rest = line.slice(3).trim();
      seeking = true;
      if (rest && !rest.startsWith("#")) {
        found.push(i + 1);
        seeking = false;
      }
      continue;
    }
    if (/^\.\.\.(\s|$)/.test(line)) {
      seeking = true;
      continue;
    }
    if (!seeking || /^\s*(#|$)/.test(line) || /^%/.test(line)) continue;
    found.push(i + 1);
    seeking = false;
  }
  return found;
}

export function parseCampaignFileFast(file: string, text: string): ParsedFile {
  let values: unknown[];
  try {
    values = loadAll(text, undefined, { schema: CORE_SCHEMA, filename: file }).filter((v) => v !== null && v !== undefined);
  } catch {
    return parseCampaignFile(file, text);
  }
  const lines = firstLines(text);
  if (!lines || lines.length !== values.length) return parseCampaignFile(file, text);
  let positioned: ParsedFile | null = null;
  const documents: LoadedDocument[] = values.map((value, index) => ({
    file,
    index,
    value,
    line: lines[index]!,
    locate: (pointer, options) => (positioned ??= parseCampaignFile(file, text)).documents[index]?.locate(pointer, options),
  }));
  return { documents, diagnostics: [] };
}
