/**
 * A folder push writes its output into (`compile --out`, `preview --out`): each run lists the files it wrote in a
 * manifest beside them, so the next run removes the files that are gone (a deleted campaign's) and never a file
 * push did not write.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { DiagnosticCode } from "../diagnostics/codes.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";

/** A diagnostic when `dir` exists and is not a folder (checked before any work). */
export function notAFolder(dir: string, shown: string, code: DiagnosticCode, what: string): Diagnostic | null {
  if (!existsSync(dir) || statSync(dir).isDirectory()) return null;
  return error(code, `--out ${shown} is a file, not a folder`, { hint: `give a folder for ${what} (it is created if missing)` });
}

function previousFiles(manifest: string): string[] {
  try {
    const listed = (JSON.parse(readFileSync(manifest, "utf8")) as { files?: unknown }).files;
    return Array.isArray(listed) ? listed.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/** Writes `files` (name -> content) into `dir`, removing what the previous run listed in `manifest` and this one does not write. */
export function writeOwnedFiles(dir: string, manifest: string, files: Map<string, string | Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  for (const stale of previousFiles(join(dir, manifest))) if (!files.has(stale)) rmSync(join(dir, basename(stale)), { force: true });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, manifest), `${JSON.stringify({ files: [...files.keys()] }, null, 2)}\n`);
}
