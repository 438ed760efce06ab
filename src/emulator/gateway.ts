/** The gateway's checks of a request before any action runs: the V3 signature, its date and its nonce (api-facts §1.3, §1.4). */
import { createHash } from "node:crypto";
import type { EmulatorCredentials } from "./options.js";
import { parseAuthorization, REQUIRED_SIGNED_HEADERS, signature, signaturesEqual } from "./signature.js";
import { ApiError, UTC_SECONDS, type WireHead, type WireRequest } from "./wire.js";

/** api-facts §1.3: x-acs-date within 15 minutes of the request; nonces are remembered as long. */
const FRESHNESS_MS = 15 * 60_000;

/**
 * The checks that need no body: the signature covers the headers, the query and the body's claimed sha256
 * (`x-acs-content-sha256`), so an unsigned or forged request is refused before a byte of its body is read.
 */
export function verifyHead(request: WireHead, credentials: EmulatorCredentials, nonces: Map<string, number>, wallNow: number): void {
  const auth = parseAuthorization(request.headers.authorization);
  // The real gateway also takes the legacy V2 query signature (api-facts §1.5); the emulator takes V3 only.
  if (!auth && request.query.Signature !== undefined)
    throw new ApiError(
      400,
      "IncompleteSignature",
      `the emulator supports only ACS3-HMAC-SHA256 signatures, not the V2 ${request.query.SignatureMethod ?? ""} query signature: leave signatureAlgorithm unset.`,
    );
  if (!auth)
    throw new ApiError(
      400,
      "IncompleteSignature",
      "the request has no ACS3-HMAC-SHA256 Authorization header: the emulator supports only ACS3-HMAC-SHA256 signatures.",
    );
  const missing = REQUIRED_SIGNED_HEADERS.filter((h) => !auth.signedHeaders.includes(h));
  if (missing.length) throw new ApiError(400, "IncompleteSignature", `SignedHeaders lacks ${missing.join(", ")}.`);
  if (auth.accessKeyId !== credentials.accessKeyId) throw new ApiError(400, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  const claimed = request.headers["x-acs-content-sha256"] ?? "";
  if (!/^[0-9a-f]{64}$/.test(claimed)) throw new ApiError(400, "SignatureDoesNotMatch", "x-acs-content-sha256 is not a sha256 in hex.");
  const text = request.headers["x-acs-date"] ?? "";
  if (!UTC_SECONDS.test(text)) throw new ApiError(400, "InvalidTimeStamp.Format", `x-acs-date must be UTC yyyy-MM-ddTHH:mm:ssZ, not ${text}.`);
  const date = Date.parse(text);
  if (Math.abs(wallNow - date) > FRESHNESS_MS) throw new ApiError(400, "InvalidTimeStamp.Expired", "x-acs-date is more than 15 minutes off.");
  const expected = signature(
    { method: "POST", path: "/", query: request.query, headers: request.headers, signedHeaders: auth.signedHeaders, payloadSha256: claimed },
    credentials.accessKeySecret,
  );
  if (!signaturesEqual(expected, auth.signature)) throw new ApiError(400, "SignatureDoesNotMatch", "Specified signature does not match our calculation.");
  const nonce = request.headers["x-acs-signature-nonce"] ?? "";
  for (const [seen, at] of nonces) if (at < wallNow - FRESHNESS_MS) nonces.delete(seen);
  if (nonces.has(nonce)) throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
}

/** The body against the sha256 the signature covers; the nonce is spent only by a request that passed every check. */
export function verifyBody(request: WireRequest, nonces: Map<string, number>, wallNow: number): void {
  // Whether a body came is known only once it is read (a chunked transfer may be empty).
  if (request.body.length && !parseAuthorization(request.headers.authorization)?.signedHeaders.includes("content-type")) {
    throw new ApiError(400, "IncompleteSignature", "SignedHeaders lacks content-type.");
  }
  const payload = createHash("sha256").update(request.body).digest("hex");
  if (request.headers["x-acs-content-sha256"] !== payload) throw new ApiError(400, "SignatureDoesNotMatch", "x-acs-content-sha256 does not match the body.");
  const nonce = request.headers["x-acs-signature-nonce"] ?? "";
  if (nonces.has(nonce)) throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  nonces.set(nonce, wallNow);
}
