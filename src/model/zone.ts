/**
 * Whether a name is an IANA time zone that this runtime knows (`Asia/Shanghai`, `UTC`). One answer for the config
 * and the compiler, from Intl (as Temporal's own zone support is), cached per name.
 */
const known = new Map<string, boolean>();

/**
 * ICU also takes Java's old three-letter ids (PST, CST, IST...). They are not IANA names, some are ambiguous (CST:
 * US Central or China), and Temporal refuses them ("Forbidden ICU TimeZone"): the same list as temporal-polyfill's.
 */
export const ICU_LEGACY_ZONE = /^(AC|AE|AG|AR|AS|BE|BS|CA|CN|CS|CT|EA|EC|IE|IS|JS|MI|NE|NS|PL|PN|PR|PS|SS|VS)T$/i;

export function isIanaZone(zone: string): boolean {
  let valid = known.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      valid = !ICU_LEGACY_ZONE.test(zone);
    } catch {
      valid = false;
    }
    known.set(zone, valid);
  }
  return valid;
}
