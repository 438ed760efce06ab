/**
 * ACS3-HMAC-SHA256 (Alibaba Cloud V3 signature) as the provider's gateway checks it, written from the protocol
 * description (api-facts.md §1.4) and independent of the client runtime that signs requests.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const ALGORITHM = "ACS3-HMAC-SHA256";
/** Headers a V3 request must sign (api-facts §1.4: "verify using the SignedHeaders list the client sent"). */
export const REQUIRED_SIGNED_HEADERS = ["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

/** RFC 3986 percent-encoding as the canonical query string uses it (`!'()*` escaped, space as %20, `~` kept). */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQueryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(query[key] ?? "")}`)
    .join("&");
}

export interface SignedRequest {
  method: string;
  path: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadSha256: string;
}

function canonicalRequest(request: SignedRequest): string {
  const names = [...request.signedHeaders].map((h) => h.toLowerCase()).sort();
  const headers = names.map((name) => `${name}:${(request.headers[name] ?? "").trim()}\n`).join("");
  return [request.method.toUpperCase(), request.path || "/", canonicalQueryString(request.query), headers, names.join(";"), request.payloadSha256].join("\n");
}

export function signature(request: SignedRequest, secret: string): string {
  const stringToSign = `${ALGORITHM}\n${createHash("sha256").update(canonicalRequest(request)).digest("hex")}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`, or null when it is not that form. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  const match = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  return { accessKeyId: match[1]!, signedHeaders: match[2]!.split(";"), signature: match[3]! };
}

export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
