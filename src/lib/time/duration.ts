const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `ttl`: a number of seconds, or `90s`, `30m`, `72h`, `3d` (the schema guarantees the form). */
export function ttlSeconds(ttl: number | string): number {
  if (typeof ttl === "number") return ttl;
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) throw new Error(`ttlSeconds: "${ttl}" passed the schema but is not a duration`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
