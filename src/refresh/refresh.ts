/** Recorded state + the providers' lists of scheduled tasks -> observed statuses, drift, unmanaged tasks. */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedApp } from "../model/app.js";
import type { RemoteTask } from "../model/remote.js";
import type { StateSnapshot, TaskStatus } from "../model/state.js";
import { ProviderError } from "../providers/errors.js";
import type { ProviderRegistry } from "../providers/provider.js";
import { retrying, type RetryPolicy } from "../providers/retry.js";
import { refreshFailed } from "./failure.js";

export interface RefreshResult {
  observed: Record<string, TaskStatus>;
  drift: Array<{ key: string; remoteId: string | null; observed: "cancelled" | "missing"; detail: string }>;
  unmanaged: RemoteTask[];
  calls: number;
  /** A listing that failed (credentials, network, a refusal): no plan can be made from this refresh. */
  diagnostics: Diagnostic[];
}

const WINDOW_MS = 7 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export async function refresh(input: { snapshot: StateSnapshot; providers: ProviderRegistry; now: number; apps: Record<string, ResolvedApp>; retry: RetryPolicy }): Promise<RefreshResult> {
  const result: RefreshResult = { observed: {}, drift: [], unmanaged: [], calls: 0, diagnostics: [] };
  const byApp = new Map<string, typeof input.snapshot.tasks[string][]>();
  for (const record of Object.values(input.snapshot.tasks)) {
    if (record.status !== "scheduled" || !record.remoteId) continue;
    byApp.set(JSON.stringify(record.appRef), [...(byApp.get(JSON.stringify(record.appRef)) ?? []), record]);
  }
  for (const [ref, records] of byApp) {
    const appRef = JSON.parse(ref) as (typeof records)[number]["appRef"];
    const times = records.map((r) => (r.sendAt ? Date.parse(r.sendAt) : input.now));
    const from = Math.min(input.now, ...times) - 60_000;
    const to = Math.max(input.now + WINDOW_MS, ...times) + 60_000;
    let listed;
    try {
      listed = await retrying(input.retry, () => input.providers[appRef.provider].listScheduled({ appRef, from: iso(from), to: iso(to) }));
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      // The other apps most likely fail the same way (credentials, endpoint): one diagnostic says it.
      result.diagnostics.push(refreshFailed(e, records[0]!.app, input.retry.attempts));
      return result;
    }
    result.calls += listed.calls;
    const remote = new Map(listed.tasks.map((t) => [t.remoteId, t]));
    const known = new Set(Object.values(input.snapshot.tasks).map((r) => r.remoteId));
    for (const record of records) {
      const seen = remote.get(record.remoteId!);
      const due = record.sendAt !== null && Date.parse(record.sendAt) <= input.now;
      if (seen?.status === "sent" || (!seen && due)) result.observed[record.key] = "sent";
      else if (seen?.status === "cancelled" || !seen) {
        result.observed[record.key] = "cancelled";
        result.drift.push({ key: record.key, remoteId: record.remoteId, observed: seen ? "cancelled" : "missing", detail: seen ? "cancelled outside push" : "no longer listed by the provider" });
      }
    }
    result.unmanaged.push(...listed.tasks.filter((t) => t.status === "scheduled" && !known.has(t.remoteId)));
  }
  return result;
}
