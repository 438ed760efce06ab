/** mPaaS Message Push (API 2020-10-28) behind the `Provider` interface: every parameter in a form body. */
import type { RemoteTask } from "../../model/remote.js";
import type { PushSimpleRequest } from "../../model/task.js";
import { ProviderError } from "../errors.js";
import { OpenApiCaller } from "../openapi.js";
import type { CancelRequest, ListScheduledRequest, Provider, SubmitRequest } from "../provider.js";

const VERSION = "2020-10-28";
const PAGE_SIZE = 500;

/** Form parameters as the SDK sends them: maps (ThirdChannelCategory, NotifyLevel) JSON-encoded, scalars as text. */
export function encodePushSimple(request: PushSimpleRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request)) {
    if (value === undefined || value === null) continue;
    out[key] = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return out;
}

export class MpaasProvider implements Provider {
  readonly name = "mpaas" as const;
  constructor(private readonly api: OpenApiCaller) {}

  /** Business failures arrive as HTTP 200 with a result code (api-facts §3.2): they become ProviderErrors. */
  private async call(action: string, body: Record<string, string>): Promise<Record<string, unknown>> {
    const result = await this.api.call(action, VERSION, { body });
    const pushResult = result.PushResult as { Success?: boolean } | undefined;
    if (result.ResultCode !== "OK" || pushResult?.Success === false) {
      throw new ProviderError("mpaas", action, "client", String(result.ResultCode ?? "Unknown"), String(result.ResultMessage ?? ""), String(result.RequestId ?? ""), 200);
    }
    return result;
  }

  async submit({ task }: SubmitRequest) {
    if (task.provider !== "mpaas") throw new Error(`MpaasProvider.submit got a ${task.provider} task (${task.key})`);
    const result = await this.call("PushSimple", encodePushSimple(task.request));
    const data = String((result.PushResult as { Data?: string } | undefined)?.Data ?? "");
    return { remoteId: data === "" ? null : data, requestId: String(result.RequestId ?? "") };
  }

  async cancel({ appRef, remoteId }: CancelRequest) {
    if (appRef.provider !== "mpaas") throw new Error("MpaasProvider.cancel needs an mPaaS app");
    const result = await this.call("CancelPushScheduler", { AppId: appRef.appId, WorkspaceId: appRef.workspaceId, UniqueIds: remoteId });
    return { requestId: String(result.RequestId ?? "") };
  }

  async listScheduled({ appRef, from, to }: ListScheduledRequest) {
    if (appRef.provider !== "mpaas") throw new Error("MpaasProvider.listScheduled needs an mPaaS app");
    type Row = { UniqueId: string; ParentId: string; PushTime: number; PushTitle?: string; PushContent?: string; ExecutedStatus: string };
    const rows: Row[] = [];
    let calls = 0;
    for (let page = 1; ; page++) {
      const result = await this.call("QueryPushSchedulerList", {
        AppId: appRef.appId,
        WorkspaceId: appRef.workspaceId,
        StartTime: String(Date.parse(from)),
        EndTime: String(Date.parse(to)),
        PageNumber: String(page),
        PageSize: String(PAGE_SIZE),
      });
      calls++;
      const data = (result.ResultContent as { Data?: { TotalCount?: number; List?: Row[] } } | undefined)?.Data;
      rows.push(...(data?.List ?? []));
      if (page * PAGE_SIZE >= (data?.TotalCount ?? 0) || !data?.List?.length) break;
    }
    // A loop lists one child per run: fold them into the loop (ParentId), sent once no run is pending.
    const byParent = new Map<string, Row[]>();
    for (const row of rows) byParent.set(row.ParentId, [...(byParent.get(row.ParentId) ?? []), row]);
    const tasks: RemoteTask[] = [...byParent].map(([parentId, children]) => {
      const pending = children.filter((c) => c.ExecutedStatus === "0").sort((a, b) => a.PushTime - b.PushTime);
      const first = pending[0] ?? children[0]!;
      return {
        appRef,
        remoteId: parentId,
        parentId,
        sendAt: new Date(first.PushTime).toISOString().replace(/\.\d{3}Z$/, "Z"),
        status: pending.length ? "scheduled" : "sent",
        ...(first.PushTitle ? { title: first.PushTitle } : {}),
        ...(first.PushContent ? { body: first.PushContent } : {}),
      };
    });
    return { tasks, calls };
  }
}
