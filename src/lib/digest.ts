import * as crypto from "node:crypto";

/** Object keys seen so far, JSON-quoted: request keys repeat in every task. */
const quotedKeys = new Map<string, string>();

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    // User maps are JSON strings by now, so keys are the API's few names; the bound only guards against misuse.
    if (quotedKeys.size < 4096) quotedKeys.set(key, text);
  }
  return text;
}

/** JSON with object keys sorted at every level: the canonical form hashed for content identity. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i) out += ",";
      const item: unknown = value[i];
      out += item === undefined ? "null" : canonicalJson(item);
    }
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = "{";
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (first ? "" : ",") + quoted(key) + ":";
    first = false;
    // Leaves inline: most values of a request are strings and numbers.
    out += typeof v === "string" ? JSON.stringify(v) : typeof v === "number" ? (Number.isFinite(v) ? String(v) : "null") : canonicalJson(v);
  }
  return out + "}";
}

/** One-shot `crypto.hash` (Node >= 20.12) skips the Hash object per call; older Node falls back to it. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;

/** Content hash over what the provider will do: the request as the API takes it, without idempotency values, and when. */
export function contentHash(api: string, request: object, sendAt: string | null): string {
  // canonicalJson({ api, request, sendAt }), written out: its keys are in order already.
  return sha256(`{"api":${JSON.stringify(api)},"request":${canonicalJson(request)},"sendAt":${JSON.stringify(sendAt)}}`);
}

export function sha256(text: string): string {
  return oneShot ? oneShot("sha256", text) : crypto.createHash("sha256").update(text).digest("hex");
}

/** EMAS IdempotentToken: a canonical lowercase UUID (version 5 layout) derived from the task key and content. */
export function idempotentToken(key: string, hash: string): string {
  return uuidFromDigest(sha256(`${key}\n${hash}`));
}

/** mPaaS message key of one target: unique per task, content and target; 32 hex characters. */
export function messageKey(key: string, hash: string, target: string): string {
  return sha256(`${key}\n${hash}\n${target}`).slice(0, 32);
}

/** A canonical lowercase UUID (version 5 layout) from a hex digest of at least 32 characters. */
export function uuidFromDigest(h: string): string {
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
