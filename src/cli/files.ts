/** Finding and reading campaign files: the file-system edge of validate, compile and plan. */
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath } from "../diagnostics/paths.js";
import { SUPPRESSION_MARK } from "../diagnostics/levels.js";

const CAMPAIGN_FILE = /\.ya?ml$/;

/**
 * `campaigns/**\/*.yaml|yml` under the project root, or the given paths (files or folders), sorted. Symlinks are
 * followed when they resolve inside the project (each real file read once, a folder met again not walked again)
 * and refused with a diagnostic when they leave it or lead nowhere: a campaign file is never skipped without a word,
 * since a plan would cancel its tasks.
 */
export function findCampaignFiles(root: string, paths: string[], cwd: string): { files: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const found = new Map<string, string>();
  const roots = paths.length ? paths.map((p) => resolve(cwd, p)) : [join(root, "campaigns")];
  const walk = new Walk(root, cwd, diagnostics);
  for (const path of roots) {
    // A root that is itself a link (campaigns/ or a path given) is held to the same rule as a link inside.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() && !walk.link(path, found, paths.length > 0)) continue;
    let stat: Stats | undefined;
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
      if (paths.length) walk.file(path, found);
      else
        diagnostics.push(
          error("campaigns-missing", `${displayPath(path, cwd)} is a file, not the campaigns folder`, {
            hint: "campaigns live in the folder campaigns/ beside the config; move the file into it",
          }),
        );
      continue;
    }
    if (stat.isDirectory()) walk.folder(path, found);
    else
      diagnostics.push(
        error("campaign-file-not-regular", `${displayPath(path, cwd)} is not a regular file or folder (a fifo, socket or device): it is not read`, {
          file: displayPath(path, cwd),
          hint: "give campaign files or folders",
        }),
      );
  }
  return { files: [...found.values()].sort(), diagnostics };
}

/** The walk over campaign folders: what was seen (real paths), and where the project ends. */
class Walk {
  private readonly realRoot: string | null;
  /** Real paths of the folders walked: a link back to one of them is a loop. */
  private readonly folders = new Set<string>();

  constructor(
    root: string,
    private readonly cwd: string,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.realRoot = realOrNull(root);
  }

  /** A campaign file (by the path it was found at), once per real file. */
  file(path: string, found: Map<string, string>, real = realOrNull(path) ?? path): void {
    const kept = found.get(real);
    if (kept === undefined || path < kept) found.set(real, path);
  }

  folder(path: string, found: Map<string, string>): void {
    const real = realOrNull(path) ?? path;
    if (this.folders.has(real)) return;
    this.folders.add(real);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) this.folder(child, found);
      else if (entry.isSymbolicLink()) this.link(child, found);
      else if (CAMPAIGN_FILE.test(entry.name)) {
        // A plain file's real path is its real folder's plus its name: no realpath call per file.
        if (entry.isFile()) this.file(child, found, join(real, entry.name));
        else
          this.refuse(
            "campaign-file-not-regular",
            child,
            "is not a regular file (a fifo, socket or device): it is not read",
            "campaign files are regular YAML files; remove this one or rename it",
          );
      }
    }
  }

  /**
   * A symlink met in a walk (or given as a root: `asRoot`, then the caller reads what it leads to): false when it
   * is refused.
   */
  link(path: string, found: Map<string, string>, asRoot = false): boolean {
    const real = realOrNull(path);
    if (real === null) {
      this.refuse(
        "campaign-link-broken",
        path,
        "is a symlink to nothing (or a loop of links): it is not read",
        "point the link at a file or folder inside the project, or remove it",
      );
      return false;
    }
    if (this.realRoot === null || !(real === this.realRoot || within(this.realRoot, real))) {
      this.refuse(
        "campaign-link-outside",
        path,
        `is a symlink to ${real}, outside the project: it is not read`,
        "copy or move the campaign into the project, or link to a file inside it",
      );
      return false;
    }
    if (asRoot) return true;
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (this.folders.has(real)) {
        this.diagnostics.push(
          warning(
            "campaign-link-loop",
            `${displayPath(path, this.cwd)} links to ${displayPath(real, this.cwd)}, a folder already read: its campaigns are read once`,
            {
              file: displayPath(path, this.cwd),
              hint: "remove the link, which adds nothing",
            },
          ),
        );
        return true;
      }
      this.folder(path, found);
    } else if (CAMPAIGN_FILE.test(path)) {
      if (stat.isFile()) this.file(path, found);
      else
        this.refuse(
          "campaign-file-not-regular",
          path,
          "links to what is not a regular file (a fifo, socket or device): it is not read",
          "campaign files are regular YAML files; remove this link",
        );
    }
    return true;
  }

  private refuse(code: DiagnosticCode, path: string, problem: string, hint: string): void {
    const display = displayPath(path, this.cwd);
    this.diagnostics.push(error(code, `${display} ${problem}`, { file: display, hint }));
  }
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** Reads a file named by display path (relative to cwd or absolute); undefined when it cannot be read. */
export function readOptional(display: string, cwd: string): string | undefined {
  try {
    return readFileSync(resolve(cwd, display), "utf8");
  } catch {
    return undefined;
  }
}

/** Whether `path` is strictly inside the folder `root` (both absolute, resolved the same way). */
export function within(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== "" && inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/** Of a run's texts, those of `files` that hold a `# push-ignore` comment (the rest need no second look). */
export function suppressionTexts(sources: Map<string, string>, files: string[]): Map<string, string> {
  const wanted = new Set(files);
  return new Map([...sources].filter(([file, text]) => wanted.has(file) && text.includes(SUPPRESSION_MARK)));
}
