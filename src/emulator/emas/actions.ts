/** EMAS Mobile Push actions (API 2016-08-01) with their documented rules (api-facts.md §2). */
import { ApiError } from "../wire.js";
import type { Store } from "../store.js";
import { appKeyParam, required } from "./params.js";
import { queryPushRecords, status } from "./records.js";
import { checkMassPushTask, checkTask, parsePushTask, parsePushTasks, recordTask } from "./task.js";
import { withToken } from "./tokens.js";

export function emasAction(store: Store, action: string, params: Record<string, string>, now: number): object {
  switch (action) {
    case "PushV2": {
      const appKey = appKeyParam(params);
      const task = parsePushTask(required(params, "PushTask"));
      return withToken(store, { action, appKey }, params, now, () => ({ MessageId: recordTask(store, checkTask(store, appKey, task, now)) }));
    }
    case "MassPushV2": {
      const appKey = appKeyParam(params);
      const tasks = parsePushTasks(required(params, "PushTasks"));
      // api-facts §2.6 documents only whole-request errors: a refused MassPushV2 records none of its tasks.
      return withToken(store, { action, appKey }, params, now, () => {
        const checked = tasks.map((t, i) => {
          checkMassPushTask(t, i);
          return checkTask(store, appKey, t, now);
        });
        return { MessageIds: checked.map((t) => recordTask(store, t)) };
      });
    }
    case "CancelPush": {
      const appKey = appKeyParam(params);
      const messageId = required(params, "MessageId");
      const record = store.data.emas.find((r) => r.messageId === messageId && r.appKey === appKey);
      // Emulator choices (the real codes are unconfirmed): unknown id, and a task that is not pending.
      if (!record) throw new ApiError(400, "InvalidMessageId.NotFound", `no message ${messageId} for this AppKey.`);
      if (record.action !== "SCHEDULED_PUSH" || status(record, now) !== "SCHEDULED")
        throw new ApiError(400, "InvalidMessageId.NotScheduled", `message ${messageId} is ${status(record, now).toLowerCase()}, not a pending scheduled push.`);
      record.cancelled = true;
      return {};
    }
    case "QueryPushRecords":
      return queryPushRecords(store, params, now);
    case "QueryPushStatByMsg": {
      const appKey = appKeyParam(params);
      const messageId = required(params, "MessageId");
      const record = store.data.emas.find((r) => r.messageId === messageId && r.appKey === appKey);
      if (!record) throw new ApiError(400, "InvalidMessageId.NotFound", `no message ${messageId} for this AppKey.`);
      // The emulator delivers to no device: a sent push counts its targets as accepted and sent, nothing more.
      const sent = status(record, now) === "SENT" ? record.targets : 0;
      return {
        PushStats: {
          PushStat: [
            {
              MessageId: messageId,
              AcceptCount: sent,
              SentCount: sent,
              ReceivedCount: 0,
              OpenedCount: 0,
              DeletedCount: 0,
              SmsSentCount: 0,
              SmsSkipCount: 0,
              SmsFailedCount: 0,
              SmsReceiveSuccessCount: 0,
              SmsReceiveFailedCount: 0,
            },
          ],
        },
      };
    }
    default:
      throw new ApiError(404, "InvalidApi.NotFound", `Specified api ${action} is not found.`);
  }
}
