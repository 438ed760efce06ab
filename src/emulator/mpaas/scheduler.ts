/** QueryPushSchedulerList and CancelPushScheduler (api-facts §3.8, §3.9). */
import type { Store } from "../store.js";
import { BusinessError, need } from "./params.js";
import { pending, runsOf } from "./strategy.js";

export function schedulerList(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  const start = Number(need(params, "StartTime", "3028"));
  const end = Number(need(params, "EndTime", "3028"));
  const page = Math.max(Number(params.PageNumber ?? 1), 1);
  const size = Math.max(Number(params.PageSize ?? 500), 1);
  const rows = store.data.mpaas
    .filter((r) => r.appId === appId && r.workspaceId === workspaceId && r.strategyType !== 0)
    .flatMap((r) =>
      runsOf(r)
        .filter((t) => t >= start && t <= end)
        .map((t) => ({
          UniqueId: r.loop ? `${r.id}-${t}` : r.id,
          ParentId: r.id,
          PushTime: t,
          PushTitle: r.title,
          PushContent: r.content,
          Type: 0,
          DeliveryType: r.deliveryType,
          StrategyType: r.strategyType,
          ExecutedStatus: t <= now ? "1" : "0",
          CreateType: 0,
          GmtCreate: r.createdAt,
        })),
    )
    .sort((a, b) => a.PushTime - b.PushTime || (a.UniqueId < b.UniqueId ? -1 : 1));
  return { ResultContent: { Data: { TotalCount: rows.length, List: rows.slice((page - 1) * size, page * size) } } };
}

export function cancelScheduler(store: Store, params: Record<string, string>, now: number): object {
  const appId = need(params, "AppId", "3003");
  const workspaceId = need(params, "WorkspaceId", "3003");
  const ids = need(params, "UniqueIds", "3028").split(",").map((s) => s.trim());
  for (const id of ids) {
    const record = store.data.mpaas.find((r) => r.appId === appId && r.workspaceId === workspaceId && r.id === id && r.id !== "");
    if (!record) throw new BusinessError("3028", `no scheduled task ${id}`);
    if (record.cancelledAt !== null || !pending(record, now)) throw new BusinessError("3028", `task ${id} has no pending run`);
  }
  for (const id of ids) store.data.mpaas.find((r) => r.id === id)!.cancelledAt = now;
  return { ResultContent: "success" };
}
