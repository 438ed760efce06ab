import { isAbsolute, relative, sep } from "node:path";

/** An empty, `.` or `..` segment: a path that path.relative would normalise. */
const ODD_SEGMENT = /(?:^|[\\/])\.{0,2}(?:[\\/]|$)/;

/** A file as diagnostics show it: relative to the working directory when inside it, else absolute. */
export function displayPath(path: string, cwd: string): string {
  // The common case without path.relative's normalising (it runs once per campaign file).
  if (path.startsWith(cwd) && path[cwd.length] === sep) {
    const rest = path.slice(cwd.length + 1);
    if (!ODD_SEGMENT.test(rest) && !ODD_SEGMENT.test(cwd.slice(1))) return rest;
  }
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
