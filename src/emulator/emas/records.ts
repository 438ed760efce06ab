/** QueryPushRecords (api-facts §2.8) and the status a record shows. */
import { ApiError, UTC_SECONDS } from "../wire.js";
import type { EmasRecord, Store } from "../store.js";
import { appKeyParam, DAY_MS, required } from "./params.js";

/** api-facts §2.8: the values of the optional filters. */
const FILTERS = {
  PushType: ["MESSAGE", "NOTICE", "LIVE_ACTIVITY"],
  Target: ["DEVICE", "ACCOUNT", "ALIAS", "TAG", "ALL", "TBD"],
  Source: ["API", "CONSOLE", "OpenAPIExplorer"],
};
/** api-facts §2.8: Page defaults to 1, at most 10,000; PageSize defaults to 20, at most 100. */
const PAGE = { fallback: 1, max: 10_000 };
const PAGE_SIZE = { fallback: 20, max: 100 };
/** The window of one query; the documents give no figure (api-facts §2.8), the emulator allows 7 days. */
const MAX_WINDOW_MS = 7 * DAY_MS;
/** Every push the emulator holds came through the API. */
const SOURCE = "API";

export function status(record: EmasRecord, now: number): "SCHEDULED" | "SENT" | "CANCELLED" | "STORED" {
  if (record.cancelled) return "CANCELLED";
  if (record.pushTime === null) return "STORED";
  return record.pushTime <= now ? "SENT" : "SCHEDULED";
}

function time(params: Record<string, string>, name: "StartTime" | "EndTime"): number {
  const text = required(params, name);
  if (!UTC_SECONDS.test(text)) throw new ApiError(400, `Invalid${name}.Format`, `${name} must be UTC yyyy-MM-ddTHH:mm:ssZ, not ${text}.`);
  return Date.parse(text);
}

function count(params: Record<string, string>, name: "Page" | "PageSize", range: { fallback: number; max: number }): number {
  const text = params[name];
  if (text === undefined || text === "") return range.fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > range.max) throw new ApiError(400, `Invalid${name}.Format`, `${name} is an integer from 1 to ${range.max}, not ${text}.`);
  return Number(text);
}

function filter(params: Record<string, string>, name: keyof typeof FILTERS): string | null {
  const value = params[name];
  if (value === undefined || value === "") return null;
  if (!FILTERS[name].includes(value)) throw new ApiError(400, `Invalid${name}.Format`, `${name} is one of ${FILTERS[name].join(", ")}, not ${value}.`);
  return value;
}

export function queryPushRecords(store: Store, params: Record<string, string>, now: number): object {
  const appKey = appKeyParam(params);
  const start = time(params, "StartTime");
  const end = time(params, "EndTime");
  if (end - start > MAX_WINDOW_MS) throw new ApiError(400, "InvalidPeriod.ExceedDays", "the window is at most 7 days.");
  const page = count(params, "Page", PAGE);
  const size = count(params, "PageSize", PAGE_SIZE);
  const pushType = filter(params, "PushType");
  const target = filter(params, "Target");
  const source = filter(params, "Source");
  // Both ends are inclusive: the real API's are unconfirmed (api-facts §2.8), and this is the case a client that
  // splits a range into back-to-back windows must cope with (a push on a boundary is listed by both).
  const list = store.data.emas
    .filter((r) => r.appKey === appKey && r.pushTime !== null && r.pushTime >= start && r.pushTime <= end)
    .filter((r) => !params.Keyword || r.messageId === params.Keyword || `${r.title} ${r.body}`.split(/\s+/).includes(params.Keyword))
    .filter((r) => (pushType === null || r.pushType === pushType) && (target === null || r.target === target) && (source === null || source === SOURCE))
    .sort((a, b) => a.pushTime! - b.pushTime! || (BigInt(a.messageId) < BigInt(b.messageId) ? -1 : 1));
  const pageItems = list.slice((page - 1) * size, page * size).map((r) => ({
    AppKey: Number(r.appKey),
    MessageId: r.messageId,
    Title: r.title,
    Body: r.body,
    DeviceType: r.deviceType,
    PushType: r.pushType,
    Source: SOURCE,
    Target: r.target,
    PushTime: new Date(r.pushTime!).toISOString().replace(/\.\d{3}Z$/, "Z"),
    Status: status(r, now),
  }));
  return { Total: list.length, Page: page, PageSize: size, PushInfos: { PushInfo: pageItems } };
}
