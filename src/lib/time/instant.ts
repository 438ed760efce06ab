/** Instants as text: the one formatter of send times and the one of record timestamps. Pure. */
import { offsetAt } from "./offsets.js";

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** UTC `yyyy-MM-ddTHH:mm:ssZ`, the providers' time format (milliseconds dropped). */
export function formatUtc(epochMs: number): string {
  const d = new Date(epochMs);
  const year = d.getUTCFullYear();
  // Four-digit years by hand (every task has several instants); others keep toISOString's expanded form.
  if (year < 1000 || year > 9999 || Number.isNaN(year)) return d.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}Z`;
}

/** An instant as a person writes it: the local time of `zone` and its offset (`2026-06-19T20:00:00+08:00`). */
export function formatZoned(epochMs: number, zone: string): string {
  const offset = offsetAt(zone, epochMs);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return `${formatUtc(epochMs + offset).slice(0, -1)}${offset < 0 ? "-" : "+"}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
}

/** A record or history timestamp, to the millisecond (`2026-06-19T12:00:00.000Z`). */
export function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A clock instant (`--now`, `PUSH_NOW`, the config's `now`): ISO-8601 with a zone; a bare date counts as 00:00
 * UTC. Local date-times without a zone are refused: they would mean another instant on every machine.
 */
export function parseInstant(value: string): number | null {
  if (!INSTANT.test(value)) return null;
  if (value.includes("T") && !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const ms = Date.parse(value.includes("T") ? value : `${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}
