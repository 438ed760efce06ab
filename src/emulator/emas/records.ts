/** QueryPushRecords (api-facts §2.8) and the status a record shows. */
import { ApiError } from "../wire.js";
import type { EmasRecord, Store } from "../store.js";
import { appKeyParam, DAY_MS, required } from "./params.js";

export function status(record: EmasRecord, now: number): "SCHEDULED" | "SENT" | "CANCELLED" | "STORED" {
  if (record.cancelled) return "CANCELLED";
  if (record.pushTime === null) return "STORED";
  return record.pushTime <= now ? "SENT" : "SCHEDULED";
}

export function queryPushRecords(store: Store, params: Record<string, string>, now: number): object {
  const appKey = appKeyParam(params);
  const start = Date.parse(required(params, "StartTime"));
  const end = Date.parse(required(params, "EndTime"));
  if (Number.isNaN(start) || Number.isNaN(end)) throw new ApiError(400, "InvalidTime.Format", "StartTime and EndTime are UTC ISO-8601.");
  if (end - start > 7 * DAY_MS) throw new ApiError(400, "InvalidPeriod.ExceedDays", "the window is at most 7 days.");
  const page = Math.min(Math.max(Number(params.Page ?? 1), 1), 10_000);
  const size = Math.min(Math.max(Number(params.PageSize ?? 20), 1), 100);
  const list = store.data.emas
    .filter((r) => r.appKey === appKey && r.pushTime !== null && r.pushTime >= start && r.pushTime <= end)
    .filter((r) => !params.Keyword || r.messageId === params.Keyword || `${r.title} ${r.body}`.split(/\s+/).includes(params.Keyword))
    .filter((r) => !params.PushType || r.pushType === params.PushType)
    .sort((a, b) => a.pushTime! - b.pushTime! || (BigInt(a.messageId) < BigInt(b.messageId) ? -1 : 1));
  const pageItems = list.slice((page - 1) * size, page * size).map((r) => ({
    AppKey: Number(r.appKey),
    MessageId: r.messageId,
    Title: r.title,
    Body: r.body,
    DeviceType: r.deviceType,
    PushType: r.pushType,
    Source: "API",
    Target: r.target,
    PushTime: new Date(r.pushTime!).toISOString().replace(/\.\d{3}Z$/, "Z"),
    Status: status(r, now),
  }));
  return { Total: list.length, Page: page, PageSize: size, PushInfos: { PushInfo: pageItems } };
}
