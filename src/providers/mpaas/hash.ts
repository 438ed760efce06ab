import { contentHash } from "../../lib/digest.js";
import type { PushSimpleRequest } from "../../model/task.js";
import { wireRequest } from "./wire.js";

/**
 * An mPaaS task's content hash, over the request as the API takes it: its targets count, the message keys
 * (derived from this hash) do not.
 */
export function mpaasContentHash(request: Omit<PushSimpleRequest, "TargetMsgkey">, targets: string[], sendAt: string | null): string {
  return contentHash("PushSimple", wireRequest({ ...request, TargetMsgkey: Object.fromEntries(targets.map((id) => [id, ""])) }), sendAt);
}
