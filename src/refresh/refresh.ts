/**
 * Recorded state + the providers' lists of scheduled tasks -> observed statuses, drift, unmanaged tasks. Every
 * app of the config is listed, with or without recorded tasks: the plan shows what was scheduled outside push, and
 * the mPaaS pending-task limit counts it.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { AppRef, ResolvedApp } from "../model/app.js";
import type { Drift } from "../model/plan.js";
import type { RemoteTask } from "../model/remote.js";
import type { StateSnapshot, TaskRecord, TaskStatus } from "../model/state.js";
import { appRefKey, behaviourOf } from "../providers/behaviour.js";
import { ProviderError } from "../providers/errors.js";
import type { ProviderRegistry } from "../providers/provider.js";
import { retrying, type RetryPolicy } from "../providers/retry.js";
import { providerZone, sendTimes } from "../providers/mpaas/loop.js";
import { refreshFailed } from "./failure.js";

export interface RefreshInput {
  snapshot: StateSnapshot;
  providers: ProviderRegistry;
  now: number;
  /** The config's apps: each is listed. */
  apps: Record<string, ResolvedApp>;
  retry: RetryPolicy;
}

export interface RefreshResult {
  /** What the providers say of recorded tasks, where it differs from the record. */
  observed: Record<string, TaskStatus>;
  drift: Drift[];
  unmanaged: RemoteTask[];
  /** Every task the providers list as still to run, managed or not. */
  scheduled: RemoteTask[];
  /**
   * Every listed task, scheduled or sent within the lookback, that no record holds: what the plan may recognise as
   * a task push made (adopt) before it would create it again.
   */
  unrecorded: RemoteTask[];
  calls: number;
  /** A listing that failed (credentials, network, a refusal): no plan can be made from this refresh. */
  diagnostics: Diagnostic[];
}

const MINUTE = 60_000;
/** How far back a refresh lists sends, to recognise one push made and no record holds. */
const ADOPT_LOOKBACK_MS = 7 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * What a listing says of one record: a status to observe instead of the recorded one, and drift. `runs`: when the
 * record sends. A task of several runs (an mPaaS loop) is due once its last run is: before that, a loop that is
 * not listed, or listed with no run pending, was cancelled outside push and its remaining runs would be lost.
 */
function observe(record: TaskRecord, seen: RemoteTask | undefined, runs: number[], now: number): { status?: TaskStatus; drift?: Drift } {
  const last = runs.at(-1);
  const due = last !== undefined && last <= now;
  if ((seen?.status === "sent" && (due || runs.length <= 1)) || (!seen && due)) return { status: "sent" };
  // A cancel journaled before its outcome was known: gone now means it went through; listed means it did not.
  if (record.status === "cancelling") return seen?.status === "scheduled" || seen?.status === "unknown" ? {} : { status: "cancelled" };
  if (seen?.status === "scheduled" || seen?.status === "unknown") return {};
  const detail = seen ? "cancelled outside push" : "no longer listed by the provider";
  return { status: "cancelled", drift: { key: record.key, remoteId: record.remoteId, observed: seen ? "cancelled" : "missing", detail } };
}

export async function refresh(input: RefreshInput): Promise<RefreshResult> {
  const result: RefreshResult = { observed: {}, drift: [], unmanaged: [], scheduled: [], unrecorded: [], calls: 0, diagnostics: [] };
  /** `name`: how a diagnostic names the app: its name, and its app key when it has one per platform. */
  const apps = new Map<string, { appRef: AppRef; name: string; records: TaskRecord[] }>();
  for (const app of Object.values(input.apps)) {
    const behaviour = behaviourOf(app);
    const refs = behaviour.appRefs(app);
    for (const appRef of refs) apps.set(appRefKey(appRef), { appRef, name: behaviour.appLabel(appRef, app.name, refs.length), records: [] });
  }
  for (const record of Object.values(input.snapshot.tasks)) {
    if ((record.status !== "scheduled" && record.status !== "cancelling") || !record.remoteId) continue;
    const key = appRefKey(record.appRef);
    if (!apps.has(key)) apps.set(key, { appRef: record.appRef, name: `"${record.app}"`, records: [] });
    apps.get(key)!.records.push(record);
  }
  const known = new Set(Object.values(input.snapshot.tasks).map((r) => r.remoteId));
  // Every app is listed, at once, and every failure reported: apps may have credentials or endpoints of their own.
  const listings = await Promise.allSettled(
    [...apps.values()].map(({ appRef, records }) => {
      const times = records.map((r) => (r.sendAt ? Date.parse(r.sendAt) : input.now));
      const horizon = behaviourOf(appRef).listingHorizonMs;
      // A week back too: a push made when applied and a send that has passed, which no record may hold (a lost state).
      const from = iso(Math.min(input.now - ADOPT_LOOKBACK_MS, ...times) - MINUTE);
      const to = iso(Math.max(input.now + horizon, ...times) + MINUTE);
      return retrying(input.retry, () => input.providers[appRef.provider].listScheduled({ appRef, from, to }));
    }),
  );
  [...apps.values()].forEach(({ name, records }, i) => {
    const listing = listings[i]!;
    if (listing.status === "rejected") {
      if (!(listing.reason instanceof ProviderError)) throw listing.reason;
      result.diagnostics.push(refreshFailed(listing.reason, name, input.retry.attempts));
      return;
    }
    const listed = listing.value;
    result.calls += listed.calls;
    const remote = new Map(listed.tasks.map((t) => [t.remoteId, t]));
    for (const record of records) {
      const { status, drift } = observe(record, remote.get(record.remoteId!), sendTimes(record, providerZone(input.apps, record.app)), input.now);
      if (status) result.observed[record.key] = status;
      if (drift) result.drift.push(drift);
    }
    const pending = listed.tasks.filter((t) => t.status === "scheduled");
    result.scheduled.push(...pending);
    result.unmanaged.push(...pending.filter((t) => !known.has(t.remoteId)));
    result.unrecorded.push(...listed.tasks.filter((t) => !known.has(t.remoteId)));
  });
  return result;
}
