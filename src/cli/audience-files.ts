/** Reading audience files: streamed, bounded, and kept inside the project. The file-system edge of the pipeline's audiences. */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { AUDIENCE_LINE_MAX_CHARS, AudienceParser, type AudienceRead } from "../load/audience.js";
import { within } from "./files.js";

/** Bytes read at a time: the file is never held whole, only its ids. */
const AUDIENCE_CHUNK_BYTES = 64 * 1024;

/**
 * Reads an audience file (display path, relative to `cwd`) that must stay inside the project `root` once every
 * symlink is resolved, and be a regular text file; streamed in chunks through the parser, which stops at the cap.
 * `hash`, when given, receives the bytes read (for the output cache's stamp).
 */
export function readAudienceFile(display: string, cwd: string, root: string, hash?: (bytes: Uint8Array) => void): AudienceRead {
  const path = resolve(cwd, display);
  const outside = (via: string): AudienceRead => ({
    ok: false,
    code: "audience-file-outside",
    problem: `${display} is outside the project${via}: an audience file must be inside the folder of the config`,
    hint: "move the list into the project (for example audiences/), and name it relative to the campaign file",
  });
  // Outside by its path alone: refused before the file system is asked whether it exists.
  if (!within(resolve(root), path)) return outside("");
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(path);
  } catch {
    return {
      ok: false,
      code: "audience-file-missing",
      problem: `cannot read ${display}: no such file`,
      hint: "paths in a campaign are relative to the campaign file; one id per line",
    };
  }
  if (!within(realRoot, real)) return outside(" once its symlinks are resolved");
  let fd: number;
  try {
    // Non-blocking: a fifo swapped in after the check must not hang the run; fstat below refuses it.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return {
      ok: false,
      code: "audience-file-missing",
      problem: `cannot read ${display} (${code ?? "unreadable"})`,
      hint: "paths in a campaign are relative to the campaign file; one id per line",
    };
  }
  try {
    if (!fstatSync(fd).isFile()) {
      return {
        ok: false,
        code: "audience-file-not-regular",
        problem: `${display} is not a regular file (a folder, fifo, socket or device)`,
        hint: "name a text file of ids, one per line",
      };
    }
    return readIds(fd, display, hash);
  } finally {
    closeSync(fd);
  }
}

function readIds(fd: number, display: string, hash?: (bytes: Uint8Array) => void): AudienceRead {
  const notText = (why: string): AudienceRead => ({
    ok: false,
    code: "audience-file-not-text",
    problem: `${display} is not a text file of ids (${why})`,
    hint: "an audience file is UTF-8 text, one id per line",
  });
  const parser = new AudienceParser(display);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const buffer = Buffer.allocUnsafe(AUDIENCE_CHUNK_BYTES);
  let carry = "";
  let truncated = false;
  let line = 0;
  let first = true;
  for (;;) {
    const size = readSync(fd, buffer, 0, buffer.length, null);
    const bytes = buffer.subarray(0, size);
    if (size > 0) hash?.(bytes);
    if (bytes.includes(0)) return notText("it holds NUL bytes: a binary file");
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: size > 0 });
    } catch {
      return notText("it is not UTF-8");
    }
    if (first && text.length) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      const piece = carry + text.slice(start, nl);
      start = nl + 1;
      line++;
      const long = truncated || piece.length > AUDIENCE_LINE_MAX_CHARS;
      if (!parser.line((long ? piece.slice(0, AUDIENCE_LINE_MAX_CHARS) : piece).replace(/\r$/, ""), line, long)) return { ok: true, ...parser.finish() };
      carry = "";
      truncated = false;
    }
    carry += text.slice(start);
    // A line longer than any id keeps only its start: the rest of it is never held.
    if (carry.length > AUDIENCE_LINE_MAX_CHARS) {
      carry = carry.slice(0, AUDIENCE_LINE_MAX_CHARS);
      truncated = true;
    }
    if (size === 0) break;
  }
  if (carry !== "" || truncated) parser.line(carry.replace(/\r$/, ""), line + 1, truncated);
  return { ok: true, ...parser.finish() };
}
