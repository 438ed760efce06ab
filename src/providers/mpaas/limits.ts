/** mPaaS facts that more than one stage reads, each from the document that states it. */

/** mPaaS seed: by default at most 100 unexecuted scheduled or loop tasks per app. */
export const MPAAS_PENDING_TASK_LIMIT = 100;

/** mPaaS seed: a loop ends at most 180 days after today, so every pending run falls within 181 days. */
export const MPAAS_LISTING_HORIZON_MS = 181 * 86_400_000;

/**
 * api-facts §3.12: at most 10 targets per PushSimple and 100 unexecuted scheduled or loop tasks per app, so one
 * mPaaS campaign can never schedule more than 1,000 ids.
 */
export const MPAAS_AUDIENCE_MAX_IDS = 1_000;
