/**
 * The allowed key a mistyped one most likely meant: a case-insensitive match, a one-letter slip, one that holds
 * it at its start or end, else the closest by edit distance.
 */
export function suggest(key: string, allowed: string[]): string | null {
  // A key far longer than any allowed one is close to none of them (and would cost its length times theirs).
  if (key.length > 64) return null;
  const lower = key.toLowerCase();
  const exact = allowed.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of allowed) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== null && bestDistance <= 1) return best;
  // A name written without the prefix (or suffix) the API puts on it: `templateCode` for `smsTemplateCode`.
  const contained = key.length >= 4 ? allowed.find((a) => a.toLowerCase().endsWith(lower) || a.toLowerCase().startsWith(lower)) : undefined;
  return contained ?? best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
