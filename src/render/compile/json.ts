import type { CompiledTask, DeferredOccurrences } from "../../model/task.js";
import { behaviourOf } from "../../providers/behaviour.js";

/**
 * `push compile` JSON (DESIGN.md): `{ "tasks": [ { key, campaign, app, provider, api, sendAt, request, source,
 * dependsOn? } ], "deferred": [ { campaign, count, next } ] }`, indented by two. The content hash stays internal.
 * Large projects render their tasks chunk by chunk (`renderTaskEntries`) and assemble the document once.
 */
export function renderCompileJson(tasks: CompiledTask[], deferred: DeferredOccurrences[]): string {
  return assembleCompileJson([Buffer.from(renderTaskEntries(tasks))], deferred).toString("utf8");
}

const ENTRIES_BEFORE = '{\n  "tasks": [\n';
const ENTRIES_AFTER = "\n  ]\n}";

/** A task as the document shows it: its fields in DESIGN's order, without the internal hash and ttl. */
export function shownTask(t: CompiledTask): object {
  return {
    key: t.key,
    campaign: t.campaign,
    app: t.app,
    provider: t.provider,
    api: t.api,
    sendAt: t.sendAt,
    request: behaviourOf(t).wireRequest(t),
    source: { file: t.source.file, line: t.source.line },
    ...(t.dependsOn ? { dependsOn: t.dependsOn } : {}),
  };
}

/** Tasks as they stand inside the document's `tasks` array: indented entries joined by `,\n` ("" for none). */
export function renderTaskEntries(tasks: CompiledTask[]): string {
  if (tasks.length === 0) return "";
  const text = JSON.stringify({ tasks: tasks.map(shownTask) }, null, 2);
  return text.slice(ENTRIES_BEFORE.length, text.length - ENTRIES_AFTER.length);
}

const SEPARATOR = Buffer.from(",\n");

/**
 * The document from entries rendered and encoded (UTF-8) chunk by chunk, byte for byte what one
 * `JSON.stringify(document, null, 2)` writes. As bytes, a large project's output is kept outside the JS heap,
 * which the garbage collector would otherwise copy at every young-generation collection until the end.
 */
export function assembleCompileJson(entries: Uint8Array[], deferred: DeferredOccurrences[]): Buffer {
  const body = entries.filter((e) => e.length > 0);
  // JSON.stringify escapes newlines inside strings, so every newline here is layout and takes the nesting indent.
  const tail = `,\n  "deferred": ${JSON.stringify(deferred, null, 2).replace(/\n/g, "\n  ")}\n}\n`;
  if (body.length === 0) return Buffer.from(`{\n  "tasks": []${tail}`);
  const parts: Uint8Array[] = [Buffer.from(ENTRIES_BEFORE)];
  body.forEach((entry, i) => parts.push(...(i ? [SEPARATOR, entry] : [entry])));
  parts.push(Buffer.from(`\n  ]${tail}`));
  return Buffer.concat(parts);
}
