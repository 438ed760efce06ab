import type { CampaignSource } from "../model/campaign.js";
import type { CompiledTask } from "../model/task.js";

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

export function sourceOf(source: CampaignSource): CompiledTask["source"] {
  return { file: source.file, line: source.line, document: source.document };
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
