/** IdempotentToken handling of PushV2 and MassPushV2 (api-facts §2.2). */
import { ApiError } from "../wire.js";
import type { Store } from "../store.js";

/** api-facts §2.2: the same IdempotentToken within 15 minutes returns the first result. */
const IDEMPOTENCY_WINDOW_MS = 15 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `run` once per token: a repeat within the window gets the first successful result. api-facts §2.2 is
 * silent on scope; the emulator scopes a token to its action and AppKey, so a replay always has the shape of the
 * action asked for and never another app's MessageId.
 */
export function withToken(store: Store, scope: { action: string; appKey: string }, params: Record<string, string>, now: number, run: () => object): object {
  const token = params.IdempotentToken;
  if (token === undefined) return run();
  if (!UUID.test(token)) throw new ApiError(400, "InvalidIdempotentToken.Format", "IdempotentToken must be a UUID.");
  const tokens = store.data.tokens;
  for (const [key, seen] of Object.entries(tokens)) if (seen.at <= now - IDEMPOTENCY_WINDOW_MS) delete tokens[key];
  const key = `${scope.action} ${scope.appKey} ${token.toLowerCase()}`;
  const seen = tokens[key];
  if (seen) return JSON.parse(seen.result) as object;
  const result = run(); // a failure throws before the token is recorded: failures do not consume it
  tokens[key] = { result: JSON.stringify(result), at: now };
  return result;
}
