/** Instants as text: the one formatter of send times and the one of record timestamps. Pure. */

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** UTC `yyyy-MM-ddTHH:mm:ssZ`, the providers' time format (milliseconds dropped). */
export function formatUtc(epochMs: number): string {
  const d = new Date(epochMs);
  const year = d.getUTCFullYear();
  // Four-digit years by hand (every task has several instants); others keep toISOString's expanded form.
  if (year < 1000 || year > 9999 || Number.isNaN(year)) return d.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${year}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}Z`;
}

/** A record or history timestamp, to the millisecond (`2026-06-19T12:00:00.000Z`). */
export function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
