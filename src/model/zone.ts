/**
 * Whether a name is an IANA time zone that this runtime knows (`Asia/Shanghai`, `UTC`). One answer for the config
 * and the compiler, from Intl (as Temporal's own zone support is), cached per name.
 */
const known = new Map<string, boolean>();

export function isIanaZone(zone: string): boolean {
  let valid = known.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    known.set(zone, valid);
  }
  return valid;
}
