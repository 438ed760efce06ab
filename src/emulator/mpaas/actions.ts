/** mPaaS Message Push actions (API 2020-10-28) with their documented rules (api-facts.md §3, the mPaaS seed). */
import { ApiError } from "../wire.js";
import type { Store } from "../store.js";
import { BusinessError } from "./params.js";
import { pushSimple } from "./push-simple.js";
import { cancelScheduler, schedulerList } from "./scheduler.js";

export function mpaasAction(store: Store, action: string, params: Record<string, string>, now: number): object {
  try {
    const result =
      action === "PushSimple"
        ? pushSimple(store, params, now)
        : action === "QueryPushSchedulerList"
          ? schedulerList(store, params, now)
          : action === "CancelPushScheduler"
            ? cancelScheduler(store, params, now)
            : null;
    if (!result) throw new ApiError(404, "InvalidApi.NotFound", `Specified api ${action} is not found.`);
    return { ResultCode: "OK", ResultMessage: "", ...result };
  } catch (e) {
    if (!(e instanceof BusinessError)) throw e;
    // Only PushSimple's response model has a PushResult (api-facts §3.2, §3.8, §3.9).
    return {
      ResultCode: e.resultCode,
      ResultMessage: e.message,
      ...(action === "PushSimple" ? { PushResult: { Success: false, ResultMsg: e.message, Data: "" } } : {}),
    };
  }
}
