/** EMAS Mobile Push (API 2016-08-01) behind the `Provider` interface: every parameter in the query string. */
import type { RemoteTask } from "../../model/remote.js";
import { OpenApiCaller } from "../openapi.js";
import type { CancelRequest, ListScheduledRequest, Provider, SubmitBatchRequest, SubmitRequest } from "../provider.js";
import { encodePushTask } from "./encode.js";

const VERSION = "2016-08-01";
/** api-facts §2.8: QueryPushRecords windows are limited (the emulator allows 7 days); pages hold up to 100. */
const WINDOW_MS = 7 * 86_400_000;
const PAGE_SIZE = 100;
const STATUS: Record<string, RemoteTask["status"]> = { SCHEDULED: "scheduled", SENT: "sent", CANCELLED: "cancelled" };
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

interface PushInfo {
  AppKey: number;
  MessageId: string;
  Title?: string;
  Body?: string;
  PushTime?: string;
  Status?: string;
}

export class EmasProvider implements Provider {
  readonly name = "emas" as const;
  constructor(private readonly api: OpenApiCaller) {}

  async submit({ task, continuousMessageId }: SubmitRequest) {
    if (task.provider !== "emas") throw new Error(`EmasProvider.submit got a ${task.provider} task (${task.key})`);
    const pushTask = continuousMessageId ? { ...task.request.PushTask, Options: { ...task.request.PushTask.Options, MessageId: continuousMessageId } } : task.request.PushTask;
    const body = await this.api.call("PushV2", VERSION, {
      query: { AppKey: String(task.request.AppKey), IdempotentToken: task.request.IdempotentToken, PushTask: encodePushTask(pushTask) },
    });
    return { remoteId: String(body.MessageId), requestId: String(body.RequestId ?? "") };
  }

  async submitBatch(request: SubmitBatchRequest) {
    const body = await this.api.call("MassPushV2", VERSION, {
      query: { AppKey: String(request.appKey), IdempotentToken: request.idempotentToken, PushTasks: `[${request.tasks.map(encodePushTask).join(",")}]` },
    });
    return { remoteIds: (body.MessageIds as unknown[]).map(String), requestId: String(body.RequestId ?? "") };
  }

  async cancel({ appRef, remoteId }: CancelRequest) {
    if (appRef.provider !== "emas") throw new Error("EmasProvider.cancel needs an EMAS app");
    const body = await this.api.call("CancelPush", VERSION, { query: { AppKey: String(appRef.appKey), MessageId: remoteId } });
    return { requestId: String(body.RequestId ?? "") };
  }

  /** QueryPushStatByMsg: delivery counts of one push (the provider fills them from the next day on). */
  async pushStats(appKey: number, messageId: string): Promise<Record<string, number>> {
    const body = await this.api.call("QueryPushStatByMsg", VERSION, { query: { AppKey: String(appKey), MessageId: messageId } });
    const stat = ((body.PushStats as { PushStat?: Array<Record<string, unknown>> } | undefined)?.PushStat ?? [])[0] ?? {};
    return Object.fromEntries(Object.entries(stat).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
  }

  async listScheduled({ appRef, from, to }: ListScheduledRequest) {
    if (appRef.provider !== "emas") throw new Error("EmasProvider.listScheduled needs an EMAS app");
    // Consecutive windows share their boundary and the API's ends may both be inclusive (unconfirmed; the
    // emulator's are): a push on a boundary comes back twice, and is kept once.
    const tasks = new Map<string, RemoteTask>();
    let calls = 0;
    for (let start = Date.parse(from); start < Date.parse(to); start += WINDOW_MS) {
      const end = Math.min(start + WINDOW_MS, Date.parse(to));
      for (let page = 1; ; page++) {
        // In the SDK's order (QueryPushRecordsRequest's fields, alphabetical), so the URL is the SDK's too.
        const body = await this.api.call("QueryPushRecords", VERSION, {
          query: { AppKey: String(appRef.appKey), EndTime: iso(end), Page: String(page), PageSize: String(PAGE_SIZE), StartTime: iso(start) },
        });
        calls++;
        const infos = ((body.PushInfos as { PushInfo?: PushInfo[] } | undefined)?.PushInfo ?? []);
        for (const info of infos) {
          const remoteId = String(info.MessageId);
          if (!tasks.has(remoteId)) tasks.set(remoteId, { appRef, remoteId, sendAt: info.PushTime ?? null, status: STATUS[info.Status ?? ""] ?? "unknown", ...(info.Title ? { title: info.Title } : {}), ...(info.Body ? { body: info.Body } : {}) });
        }
        if (page * PAGE_SIZE >= Number(body.Total ?? 0) || infos.length === 0) break;
      }
    }
    return { tasks: [...tasks.values()], calls };
  }
}
