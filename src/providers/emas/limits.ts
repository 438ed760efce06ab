/** EMAS facts that more than one stage reads, each from the document that states it. */

const DAY_MS = 86_400_000;

/** api-facts §2.3 Options.PushTime: an EMAS scheduled push at most 7 days in the future. */
export const EMAS_SCHEDULE_WINDOW_MS = 7 * DAY_MS;

/** api-facts §2.8: QueryPushRecords windows are limited to 7 days (another fact than the scheduling window). */
export const EMAS_QUERY_WINDOW_MS = 7 * DAY_MS;

/** api-facts §2.6: one MassPushV2 carries up to 100 PushV2 tasks of one app key. */
export const MASS_PUSH_MAX_TASKS = 100;
/**
 * The largest percent-encoded PushTasks parameter of one MassPushV2. api-facts §0.1: PushV2 and MassPushV2 carry
 * everything in the URL query, and no document gives the gateway's URL limit (the SDK sends a 100-task batch of
 * ~252 KB, but only a loopback server saw it). The largest single PushV2 the documents allow, 1,000 aliases of up
 * to 128 bytes (§2.3), is about 131 KB encoded; a batch under 128 KiB (plus AppKey and IdempotentToken, under
 * 100 bytes) is never larger, so batching cannot make a URL fail that one PushV2 per task would not.
 */
export const MASS_PUSH_MAX_ENCODED_BYTES = 128 * 1024;

/**
 * api-facts §2.4: PushV2 takes at most 1,000 DEVICE/ACCOUNT/ALIAS targets per request and states no total, so the
 * cap is push's own: 100 requests of 1,000 ids (a few MB held per campaign, an apply of under a minute at the
 * default rate). A larger EMAS audience belongs in a tag.
 */
export const EMAS_AUDIENCE_MAX_IDS = 100_000;
