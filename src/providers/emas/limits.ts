/** EMAS facts that more than one stage reads, each from the document that states it. */

const DAY_MS = 86_400_000;

/** api-facts §2.3 Options.PushTime: an EMAS scheduled push at most 7 days in the future. */
export const EMAS_SCHEDULE_WINDOW_MS = 7 * DAY_MS;

/** api-facts §2.8: QueryPushRecords windows are limited to 7 days (another fact than the scheduling window). */
export const EMAS_QUERY_WINDOW_MS = 7 * DAY_MS;
