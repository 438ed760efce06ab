/**
 * What QueryPushSchedulerList shows of a scheduled or loop task (api-facts §3.8: PushTitle, PushContent,
 * DeliveryType, StrategyType, PushTime), read the same way from a listing and from a compiled task. TaskName and
 * the message keys do not come back: this is the strongest identity mPaaS gives. Immediate pushes are not listed
 * at all, so they cannot be recognised.
 */
import type { Shown } from "../../model/remote.js";
import type { PushSimpleRequest } from "../../model/task.js";

export function mpaasIdentity(fields: Pick<Extract<Shown, { provider: "mpaas" }>, "title" | "content" | "deliveryType" | "strategyType">): string {
  return JSON.stringify([fields.title ?? "", fields.content ?? "", fields.deliveryType, fields.strategyType]);
}

export function mpaasTaskIdentity(request: PushSimpleRequest): string {
  return mpaasIdentity({ title: request.Title, content: request.Content, deliveryType: request.DeliveryType, strategyType: request.StrategyType ?? 0 });
}
