import { contentHash } from "../../lib/digest.js";
import type { PushTask } from "../../model/task.js";

/** An EMAS task's content hash. A task sent when applied gets its ExpireTime from that moment: left out. */
export function emasContentHash(appKey: number, pushTask: PushTask, sendAt: string | null): string {
  const identity = sendAt === null && pushTask.Options?.ExpireTime ? { ...pushTask, Options: { ...pushTask.Options, ExpireTime: undefined } } : pushTask;
  return contentHash("PushV2", { AppKey: appKey, PushTask: identity }, sendAt);
}
