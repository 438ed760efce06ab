/** IdempotentToken handling of PushV2 and MassPushV2 (api-facts §2.2). */
import { ApiError } from "../wire.js";
import type { Store } from "../store.js";

/** api-facts §2.2: the same IdempotentToken within 15 minutes returns the first result. */
const IDEMPOTENCY_WINDOW_MS = 15 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function withToken(store: Store, params: Record<string, string>, now: number, run: () => object): object {
  const token = params.IdempotentToken;
  if (token === undefined) return run();
  if (!UUID.test(token)) throw new ApiError(400, "InvalidIdempotentToken.Format", "IdempotentToken must be a UUID.");
  const seen = store.data.tokens[token.toLowerCase()];
  if (seen && seen.at > now - IDEMPOTENCY_WINDOW_MS) return JSON.parse(seen.result) as object;
  const result = run(); // a failure throws before the token is recorded: failures do not consume it
  store.data.tokens[token.toLowerCase()] = { result: JSON.stringify(result), at: now };
  return result;
}
