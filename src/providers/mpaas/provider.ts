/** mPaaS Message Push (API 2020-10-28) behind the `Provider` interface: every parameter in a form body. */
import type { RemoteTask, Shown } from "../../model/remote.js";
import type { PushSimpleRequest } from "../../model/task.js";
import { ProviderError } from "../errors.js";
import type { OpenApiCaller } from "../openapi.js";
import type { CancelRequest, ListScheduledRequest, Provider, SubmitRequest } from "../provider.js";
import type { Reply } from "../reply.js";
import { wireRequest } from "./wire.js";

const VERSION = "2020-10-28";
const PAGE_SIZE = 500;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Form parameters as the SDK sends them: StrategyContent and TargetMsgkey as the API's JSON text, maps
 * (ThirdChannelCategory, NotifyLevel) JSON-encoded, scalars as text.
 */
export function encodePushSimple(request: PushSimpleRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(wireRequest(request))) {
    if (value === undefined || value === null) continue;
    out[key] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return out;
}

/** One row of QueryPushSchedulerList, read as the SDK model reads it (api-facts §3.8). */
interface SchedulerRow {
  parentId: string;
  pushTime: number;
  /** `ExecutedStatus` 0: not executed yet. Documented as an integer, a string in both SDKs: either form is read. */
  pending: boolean;
  shown: Extract<Shown, { provider: "mpaas" }>;
}

export class MpaasProvider implements Provider {
  readonly name = "mpaas" as const;
  constructor(private readonly api: OpenApiCaller) {}

  /** Business failures arrive as HTTP 200 with a result code (api-facts §3.2): they become ProviderErrors. */
  private async call(action: string, body: Record<string, string>): Promise<Reply> {
    const reply = await this.api.reply(action, VERSION, { body });
    const resultCode = reply.optionalText(reply.at("ResultCode"), "ResultCode");
    if (resultCode !== "OK" || reply.optionalBoolean(reply.at("PushResult.Success"), "PushResult.Success") === false) {
      const message = String(reply.at("ResultMessage") ?? "");
      const kind = message.startsWith("duplicate msgkey") ? "duplicate" : "client";
      throw new ProviderError("mpaas", action, kind, resultCode ?? "Unknown", message, reply.requestId, 200);
    }
    return reply;
  }

  async submit({ task }: SubmitRequest) {
    if (task.provider !== "mpaas") throw new Error(`MpaasProvider.submit got a ${task.provider} task (${task.key})`);
    const reply = await this.call("PushSimple", encodePushSimple(task.request));
    const data = reply.optionalText(reply.at("PushResult.Data"), "PushResult.Data") ?? "";
    return { remoteId: data === "" ? null : data, requestId: reply.requestId };
  }

  async cancel({ appRef, remoteId }: CancelRequest) {
    if (appRef.provider !== "mpaas") throw new Error("MpaasProvider.cancel needs an mPaaS app");
    const reply = await this.call("CancelPushScheduler", { AppId: appRef.appId, WorkspaceId: appRef.workspaceId, UniqueIds: remoteId });
    return { requestId: reply.requestId };
  }

  async listScheduled({ appRef, from, to }: ListScheduledRequest) {
    if (appRef.provider !== "mpaas") throw new Error("MpaasProvider.listScheduled needs an mPaaS app");
    const rows: SchedulerRow[] = [];
    let calls = 0;
    for (let page = 1; ; page++) {
      const reply = await this.call("QueryPushSchedulerList", {
        AppId: appRef.appId,
        WorkspaceId: appRef.workspaceId,
        StartTime: String(Date.parse(from)),
        EndTime: String(Date.parse(to)),
        PageNumber: String(page),
        PageSize: String(PAGE_SIZE),
      });
      calls++;
      // OK without the listing is no listing at all: the SDK fails there too, and an empty list would plan duplicates.
      const data = reply.object("ResultContent.Data");
      const list = reply.list("ResultContent.Data.List");
      rows.push(...list.map((item, i) => schedulerRow(reply, item, `ResultContent.Data.List[${i}]`)));
      if (list.length === 0 || page * PAGE_SIZE >= reply.integer(data.TotalCount, "ResultContent.Data.TotalCount")) break;
    }
    // A loop lists one child per run: fold them into the loop (ParentId), sent once no run is pending.
    const byParent = new Map<string, SchedulerRow[]>();
    for (const row of rows) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
    const tasks: RemoteTask[] = [...byParent].map(([parentId, children]) => {
      const pending = children.filter((c) => c.pending).sort((a, b) => a.pushTime - b.pushTime);
      const first = pending[0] ?? children[0]!;
      return {
        appRef,
        remoteId: parentId,
        parentId,
        sendAt: iso(first.pushTime),
        status: pending.length ? "scheduled" : "sent",
        shown: { ...first.shown, runs: children.length },
        ...(first.shown.title ? { title: first.shown.title } : {}),
        ...(first.shown.content ? { body: first.shown.content } : {}),
      };
    });
    return { tasks, calls };
  }
}

function schedulerRow(reply: Reply, item: unknown, path: string): SchedulerRow {
  const row = reply.item(item, path);
  const uniqueId = reply.text(row.UniqueId, `${path}.UniqueId`);
  const pushTime = reply.integer(row.PushTime, `${path}.PushTime`);
  if (Number.isNaN(new Date(pushTime).getTime())) throw reply.malformed(`${path}.PushTime`, `is ${pushTime}, not an instant in milliseconds`);
  const title = reply.optionalText(row.PushTitle, `${path}.PushTitle`);
  const content = reply.optionalText(row.PushContent, `${path}.PushContent`);
  return {
    // A fixed-time task is its own parent (api-facts §3.8).
    parentId: reply.optionalText(row.ParentId, `${path}.ParentId`) || uniqueId,
    pushTime,
    pending: reply.integer(row.ExecutedStatus, `${path}.ExecutedStatus`) === 0,
    shown: {
      provider: "mpaas",
      ...(title !== undefined ? { title } : {}),
      ...(content !== undefined ? { content } : {}),
      type: row.Type === undefined ? 0 : reply.integer(row.Type, `${path}.Type`),
      deliveryType: row.DeliveryType === undefined ? 0 : reply.integer(row.DeliveryType, `${path}.DeliveryType`),
      strategyType: row.StrategyType === undefined ? 0 : reply.integer(row.StrategyType, `${path}.StrategyType`),
      runs: 1,
    },
  };
}
