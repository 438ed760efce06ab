/** Finding and reading campaign files: the file-system edge of validate, compile and plan. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../diagnostics/paths.js";

const CAMPAIGN_FILE = /\.ya?ml$/;

/** `campaigns/**\/*.yaml|yml` under the project root, or the given paths (files or folders), sorted. */
export function findCampaignFiles(root: string, paths: string[], cwd: string): { files: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = new Set<string>();
  const roots = paths.length ? paths.map((p) => resolve(cwd, p)) : [join(root, "campaigns")];
  for (const path of roots) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      // Without campaigns/ a plan would cancel every task push recorded: a project always has the folder.
      diagnostics.push(
        paths.length
          ? error("path-missing", `no such file or folder: ${displayPath(path, cwd)}`, { hint: "give campaign files or folders that exist" })
          : error("campaigns-missing", `no campaigns folder at ${displayPath(path, cwd)}/`, {
              hint: "campaigns live in campaigns/ beside push.config.ts; create it (it may be empty), or point --config at the project's config",
            }),
      );
      continue;
    }
    if (stat.isFile()) {
      if (paths.length) files.add(path);
      else diagnostics.push(error("campaigns-missing", `${displayPath(path, cwd)} is a file, not the campaigns folder`, { hint: "campaigns live in the folder campaigns/ beside the config; move the file into it" }));
      continue;
    }
    for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && CAMPAIGN_FILE.test(entry.name)) files.add(join(entry.parentPath ?? path, entry.name));
    }
  }
  return { files: [...files].sort(), diagnostics };
}

/** Reads a file named by display path (relative to cwd or absolute); undefined when it cannot be read. */
export function readOptional(display: string, cwd: string): string | undefined {
  try {
    return readFileSync(resolve(cwd, display), "utf8");
  } catch {
    return undefined;
  }
}
