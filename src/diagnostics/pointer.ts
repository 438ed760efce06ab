/** JSON pointers (RFC 6901): the one encoder and the one decoder. */

/** A pointer from path segments. */
export function pointerOf(...segments: Array<string | number>): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** The segments of a pointer (`""` is the whole document: no segment). */
export function segmentsOf(pointer: string): string[] {
  return pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
