/** QueryPushSchedulerList and CancelPushScheduler (api-facts §3.8, §3.9). */
import type { Store } from "../store.js";
import { BusinessError, digits, need } from "./params.js";
import { pending, runsOf } from "./strategy.js";

/** api-facts §3.8: Type 0 simple, 1 template, 2 batch, 3 broadcast; the emulator only has simple pushes. */
const PUSH_TYPES = [0, 1, 2, 3];
const SIMPLE = 0;
/** api-facts §3.8: pages default to number 1 of 500 rows. */
const DEFAULT_PAGE_SIZE = 500;

function positive(params: Record<string, string>, name: string, fallback: number): number {
  const value = params[name] ? digits(params[name], name) : fallback;
  if (value < 1) throw new BusinessError("3028", `${name} starts at 1`);
  return value;
}

/** Rows whose trigger time falls in [StartTime, EndTime] (epoch ms), filtered by Type and UniqueId (api-facts §3.8). */
export function schedulerList(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  const start = digits(need(params, "StartTime", "3028"), "StartTime");
  const end = digits(need(params, "EndTime", "3028"), "EndTime");
  const page = positive(params, "PageNumber", 1);
  const size = positive(params, "PageSize", DEFAULT_PAGE_SIZE);
  const type = params.Type ? digits(params.Type, "Type") : SIMPLE;
  if (!PUSH_TYPES.includes(type)) throw new BusinessError("3028", `Type is one of ${PUSH_TYPES.join(", ")}, not ${type}`);
  // A parent (loop) id lists all its children; a child or scheduled-task id lists that one row.
  const uniqueId = params.UniqueId || null;
  const rows = store.data.mpaas
    .filter((r) => r.appId === appId && r.workspaceId === workspaceId && r.strategyType !== 0 && type === SIMPLE)
    .flatMap((r) =>
      runsOf(r)
        .filter((t) => t >= start && t <= end)
        .map((t) => ({
          UniqueId: r.loop ? `${r.id}-${t}` : r.id,
          ParentId: r.id,
          PushTime: t,
          PushTitle: r.title,
          PushContent: r.content,
          Type: SIMPLE,
          DeliveryType: r.deliveryType,
          StrategyType: r.strategyType,
          ExecutedStatus: t <= now ? "1" : "0",
          CreateType: 0,
          GmtCreate: r.createdAt,
        })),
    )
    .filter((row) => uniqueId === null || row.UniqueId === uniqueId || row.ParentId === uniqueId)
    .sort((a, b) => a.PushTime - b.PushTime || (a.UniqueId < b.UniqueId ? -1 : 1));
  return { ResultContent: { Data: { TotalCount: rows.length, List: rows.slice((page - 1) * size, page * size) } } };
}

export function cancelScheduler(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  const ids = need(params, "UniqueIds", "3028")
    .split(",")
    .map((s) => s.trim());
  for (const id of ids) {
    const record = store.data.mpaas.find((r) => r.appId === appId && r.workspaceId === workspaceId && r.id === id && r.id !== "");
    if (!record) throw new BusinessError("3028", `no scheduled task ${id}`);
    if (record.cancelledAt !== null || !pending(record, now)) throw new BusinessError("3028", `task ${id} has no pending run`);
  }
  for (const id of ids) store.data.mpaas.find((r) => r.id === id)!.cancelledAt = now;
  return { ResultContent: "success" };
}
