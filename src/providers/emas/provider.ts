/** EMAS Mobile Push (API 2016-08-01) behind the `Provider` interface: every parameter in the query string. */
import type { RemoteTask } from "../../model/remote.js";
import type { OpenApiCaller } from "../openapi.js";
import type { CancelRequest, ListScheduledRequest, Provider, SubmitBatchRequest, SubmitRequest } from "../provider.js";
import type { Reply } from "../reply.js";
import { encodePushTask } from "./encode.js";
import { EMAS_QUERY_WINDOW_MS } from "./limits.js";

const VERSION = "2016-08-01";
/** api-facts §2.8: QueryPushRecords pages hold up to 100. */
const PAGE_SIZE = 100;
const STATUS: Record<string, RemoteTask["status"]> = { SCHEDULED: "scheduled", SENT: "sent", CANCELLED: "cancelled" };
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export class EmasProvider implements Provider {
  readonly name = "emas" as const;
  constructor(private readonly api: OpenApiCaller) {}

  async submit({ task, continuousMessageId }: SubmitRequest) {
    if (task.provider !== "emas") throw new Error(`EmasProvider.submit got a ${task.provider} task (${task.key})`);
    const pushTask = continuousMessageId
      ? { ...task.request.PushTask, Options: { ...task.request.PushTask.Options, MessageId: continuousMessageId } }
      : task.request.PushTask;
    const reply = await this.api.reply("PushV2", VERSION, {
      query: { AppKey: String(task.request.AppKey), IdempotentToken: task.request.IdempotentToken, PushTask: encodePushTask(pushTask) },
    });
    return { remoteId: reply.text(reply.at("MessageId"), "MessageId"), requestId: reply.requestId };
  }

  async submitBatch(request: SubmitBatchRequest) {
    const reply = await this.api.reply("MassPushV2", VERSION, {
      query: { AppKey: String(request.appKey), IdempotentToken: request.idempotentToken, PushTasks: `[${request.tasks.map(encodePushTask).join(",")}]` },
    });
    const ids = reply.list("MessageIds").map((id, i) => reply.text(id, `MessageIds[${i}]`));
    if (ids.length !== request.tasks.length)
      throw reply.malformed("MessageIds", `has ${ids.length} id${ids.length === 1 ? "" : "s"} for ${request.tasks.length} tasks`);
    return { remoteIds: ids, requestId: reply.requestId };
  }

  async cancel({ appRef, remoteId }: CancelRequest) {
    if (appRef.provider !== "emas") throw new Error("EmasProvider.cancel needs an EMAS app");
    const reply = await this.api.reply("CancelPush", VERSION, { query: { AppKey: String(appRef.appKey), MessageId: remoteId } });
    return { requestId: reply.requestId };
  }

  /** QueryPushStatByMsg: delivery counts of one push (the provider fills them from the next day on). */
  async pushStats(appKey: number, messageId: string): Promise<Record<string, number>> {
    const reply = await this.api.reply("QueryPushStatByMsg", VERSION, { query: { AppKey: String(appKey), MessageId: messageId } });
    const [first] = reply.list("PushStats.PushStat");
    if (first === undefined) return {};
    const stat = reply.item(first, "PushStats.PushStat[0]");
    return Object.fromEntries(
      Object.entries(stat)
        .filter(([key]) => key.endsWith("Count"))
        .map(([key, count]) => [key, reply.integer(count, `PushStats.PushStat[0].${key}`)]),
    );
  }

  async listScheduled({ appRef, from, to }: ListScheduledRequest) {
    if (appRef.provider !== "emas") throw new Error("EmasProvider.listScheduled needs an EMAS app");
    // Consecutive windows share their boundary and the API's ends may both be inclusive (unconfirmed; the
    // emulator's are): a push on a boundary comes back twice, and is kept once.
    const tasks = new Map<string, RemoteTask>();
    let calls = 0;
    for (let start = Date.parse(from); start < Date.parse(to); start += EMAS_QUERY_WINDOW_MS) {
      const end = Math.min(start + EMAS_QUERY_WINDOW_MS, Date.parse(to));
      for (let page = 1; ; page++) {
        const reply = await this.api.reply("QueryPushRecords", VERSION, {
          query: { AppKey: String(appRef.appKey), EndTime: iso(end), Page: String(page), PageSize: String(PAGE_SIZE), StartTime: iso(start) },
        });
        calls++;
        const infos = reply.list("PushInfos.PushInfo");
        infos.forEach((item, i) => {
          const listed = pushInfo(reply, item, `PushInfos.PushInfo[${i}]`, appRef);
          if (!tasks.has(listed.remoteId)) tasks.set(listed.remoteId, listed);
        });
        if (page * PAGE_SIZE >= reply.integer(reply.at("Total"), "Total") || infos.length === 0) break;
      }
    }
    return { tasks: [...tasks.values()], calls };
  }
}

/** One PushInfo (QueryPushRecordsResponseBody): MessageId a string, PushTime an ISO-8601 UTC instant. */
function pushInfo(reply: Reply, item: unknown, path: string, appRef: RemoteTask["appRef"]): RemoteTask {
  const info = reply.item(item, path);
  const pushTime = reply.optionalText(info.PushTime, `${path}.PushTime`);
  if (pushTime !== undefined && Number.isNaN(Date.parse(pushTime)))
    throw reply.malformed(`${path}.PushTime`, `is the text ${JSON.stringify(pushTime)}, not an ISO-8601 instant`);
  const title = reply.optionalText(info.Title, `${path}.Title`);
  const body = reply.optionalText(info.Body, `${path}.Body`);
  const shown = {
    provider: "emas" as const,
    ...(title !== undefined ? { title } : {}),
    ...(body !== undefined ? { body } : {}),
    target: reply.optionalText(info.Target, `${path}.Target`) ?? "",
    deviceType: reply.optionalText(info.DeviceType, `${path}.DeviceType`) ?? "",
    pushType: reply.optionalText(info.PushType, `${path}.PushType`) ?? "",
  };
  return {
    shown,
    appRef,
    remoteId: reply.text(info.MessageId, `${path}.MessageId`),
    sendAt: pushTime ?? null,
    status: STATUS[reply.optionalText(info.Status, `${path}.Status`) ?? ""] ?? "unknown",
    ...(title ? { title } : {}),
    ...(body ? { body } : {}),
  };
}
