/**
 * The journal's text, parsed: one `{"serial":N,"change":{...}}` record a line, each written whole with its
 * newline, so that bytes after the last newline are a write that never completed (a crash, a full disk). Pure.
 */
import { isObject } from "../../model/json.js";
import type { StateChange } from "../../model/state.js";

export interface JournalRecord {
  serial: number;
  change: StateChange;
}

export interface ParsedJournal {
  records: JournalRecord[];
  /** Byte offset just after the last whole record. */
  end: number;
  /** Bytes after it: a torn record, never a commit (a commit returns only once its newline is on disk). */
  tornBytes: number;
  /** A whole line that is not a record (1-based), and why; the records before it are kept. */
  corrupt?: { line: number; reason: string };
}

const isArrayOf = (value: unknown, check: (item: unknown) => boolean) => value === undefined || (Array.isArray(value) && value.every(check));

function recordProblem(value: unknown): string | null {
  if (!isObject(value)) return "not a JSON object";
  if (!Number.isSafeInteger(value.serial) || (value.serial as number) < 1) return "no positive whole `serial`";
  const change = value.change;
  if (!isObject(change)) return "no `change` object";
  if (!isArrayOf(change.upsert, (r) => isObject(r) && typeof r.key === "string")) return "`change.upsert` is not a list of task records";
  if (!isArrayOf(change.remove, (k) => typeof k === "string")) return "`change.remove` is not a list of task keys";
  if (!isArrayOf(change.history, isObject)) return "`change.history` is not a list of entries";
  return null;
}

export function parseJournal(bytes: Uint8Array): ParsedJournal {
  const end = bytes.lastIndexOf(0x0a) + 1;
  const records: JournalRecord[] = [];
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString("utf8").split("\n");
  lines.pop();
  for (const [i, line] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      return { records, end, tornBytes: bytes.length - end, corrupt: { line: i + 1, reason: `not valid JSON (${(cause as Error).message})` } };
    }
    const problem = recordProblem(value);
    if (problem) return { records, end, tornBytes: bytes.length - end, corrupt: { line: i + 1, reason: problem } };
    records.push(value as JournalRecord);
  }
  return { records, end, tornBytes: bytes.length - end };
}

export function journalLine(record: JournalRecord): Buffer {
  return Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
}
