import type { CampaignSource } from "../model/campaign.js";
import type { CompiledTask, PushSimpleRequest, PushTask } from "../model/task.js";
import { canonicalJson, sha256 } from "../lib/digest.js";

/** Task keys: campaign id, then `/platform`, `@occurrence`, `~segment`, `#batch` parts as they apply. */
export function taskKey(id: string, parts: { platform?: string; occurrence?: string; segment?: number; batch?: number | "create" }): string {
  return (
    id +
    (parts.platform ? `/${parts.platform}` : "") +
    (parts.occurrence ? `@${parts.occurrence}` : "") +
    (parts.segment !== undefined ? `~${parts.segment}` : "") +
    (parts.batch !== undefined ? `#${parts.batch}` : "")
  );
}

/** Content hash over what the provider will do: the request without idempotency values, and when. */
function contentHash(api: string, request: object, sendAt: string | null): string {
  return sha256(canonicalJson({ api, request, sendAt }));
}

/** An EMAS task's content hash. A task sent when applied gets its ExpireTime from that moment: left out. */
export function emasContentHash(appKey: number, pushTask: PushTask, sendAt: string | null): string {
  const identity = sendAt === null && pushTask.Options?.ExpireTime ? { ...pushTask, Options: { ...pushTask.Options, ExpireTime: undefined } } : pushTask;
  return contentHash("PushV2", { AppKey: appKey, PushTask: identity }, sendAt);
}

/** An mPaaS task's content hash: its targets count, the message keys (derived from this hash) do not. */
export function mpaasContentHash(request: Omit<PushSimpleRequest, "TargetMsgkey">, targets: string[], sendAt: string | null): string {
  return contentHash("PushSimple", { ...request, TargetMsgkey: JSON.stringify(Object.fromEntries(targets.map((id) => [id, ""]))) }, sendAt);
}

export function sourceOf(source: CampaignSource): CompiledTask["source"] {
  return { file: source.file, line: source.line };
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
