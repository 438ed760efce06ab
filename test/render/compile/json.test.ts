import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assembleCompileJson, renderCompileJson, renderTaskEntries } from "../../../src/render/compile/json.js";
import type { CompiledTask, DeferredOccurrences } from "../../../src/model/task.js";
import { wireRequest } from "../../../src/providers/mpaas/wire.js";
import { compileOne } from "../../compile/support.js";

const tasks: CompiledTask[] = [
  ...compileOne({
    id: "a",
    app: "shop",
    target: { platform: "ios", devices: Array.from({ length: 2500 }, (_, i) => `d${i}`) },
    notification: { title: "t\nwith a newline", body: "b" },
  }).tasks,
  ...compileOne({ id: "b", app: "wallet", target: { users: ["u1", "u2"] }, notification: { title: "t", body: "b" } }).tasks,
  ...compileOne({ id: "c", app: "shop", continuous: true, target: { platform: "android", devices: ["x", "y"] }, notification: { title: "t", body: "b" } })
    .tasks,
];
const deferred: DeferredOccurrences[] = [{ campaign: "weekly", count: 3, next: "2026-06-19T12:00:00Z" }];

/** The document as one JSON.stringify writes it: what the chunked rendering must reproduce byte for byte. */
function direct(list: CompiledTask[], later: DeferredOccurrences[]): string {
  const shown = list.map(({ hash: _hash, ttlSeconds: _ttl, ...rest }) => ({
    key: rest.key,
    campaign: rest.campaign,
    app: rest.app,
    provider: rest.provider,
    api: rest.api,
    sendAt: rest.sendAt,
    // mPaaS's StrategyContent and TargetMsgkey are shown as the API's JSON text, as the seeds show them.
    request: rest.provider === "mpaas" ? wireRequest(rest.request) : rest.request,
    source: { file: rest.source.file, line: rest.source.line },
    ...(rest.dependsOn ? { dependsOn: rest.dependsOn } : {}),
  }));
  return `${JSON.stringify({ tasks: shown, deferred: later }, null, 2)}\n`;
}

describe("compile JSON", () => {
  it("is one JSON.stringify of the document, with and without tasks and deferred occurrences", () => {
    expect(tasks.length).toBeGreaterThan(4);
    expect(renderCompileJson(tasks, deferred)).toBe(direct(tasks, deferred));
    expect(renderCompileJson([], [])).toBe(direct([], []));
    expect(renderCompileJson([], deferred)).toBe(direct([], deferred));
    expect(renderCompileJson(tasks, [])).toBe(direct(tasks, []));
  });
  it("assembles chunks rendered apart into the same bytes, empty chunks included", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: tasks.length }), { maxLength: 6 }), (cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), tasks.length];
        const entries = bounds.slice(1).map((end, i) => Buffer.from(renderTaskEntries(tasks.slice(bounds[i], end))));
        expect(assembleCompileJson(entries, deferred).toString("utf8")).toBe(direct(tasks, deferred));
      }),
    );
  });
});
