import type { CompiledTask, DeferredOccurrences } from "../model/task.js";

/**
 * `push compile` JSON (DESIGN.md): `{ "tasks": [ { key, campaign, app, provider, api, sendAt, request, source,
 * dependsOn? } ], "deferred": [ { campaign, count, next } ] }`. The content hash stays internal.
 */
export function renderCompileJson(tasks: CompiledTask[], deferred: DeferredOccurrences[]): string {
  const shown = tasks.map((t) => ({
    key: t.key,
    campaign: t.campaign,
    app: t.app,
    provider: t.provider,
    api: t.api,
    sendAt: t.sendAt,
    request: t.request,
    source: t.source,
    ...(t.dependsOn ? { dependsOn: t.dependsOn } : {}),
  }));
  return `${JSON.stringify({ tasks: shown, deferred }, null, 2)}\n`;
}
