/**
 * What differs between the providers beyond the wire, behind one interface and a registry keyed by provider, so
 * that the stages ask the provider instead of branching on its name (STYLE principle 10). Pure: no client, no
 * I/O; the emulator never imports it. `behaviourOf*` hold the one cast a correlated union needs.
 */
import type { AppRef, ResolvedApp, ResolvedEmasApp, ResolvedMpaasApp } from "../model/app.js";
import type { CompiledTask, EmasTask, MpaasTask, ProviderName } from "../model/task.js";
import { EMAS_SCHEDULE_WINDOW_MS } from "./emas/limits.js";
import { MPAAS_LISTING_HORIZON_MS, MPAAS_PENDING_TASK_LIMIT } from "./mpaas/limits.js";

interface Kinds {
  emas: { app: ResolvedEmasApp; task: EmasTask; ref: Extract<AppRef, { provider: "emas" }> };
  mpaas: { app: ResolvedMpaasApp; task: MpaasTask; ref: Extract<AppRef, { provider: "mpaas" }> };
}

interface ProviderBehaviour<P extends ProviderName> {
  /** The provider-side apps of a configured app (EMAS: one per distinct app key, apps being per platform). */
  appRefs(app: Kinds[P]["app"]): Array<Kinds[P]["ref"]>;
  /** The provider-side app a task is sent to, as state records it. */
  appRefOf(task: Kinds[P]["task"]): Kinds[P]["ref"];
  /** One string per provider-side app, for maps keyed by app. */
  appRefKey(ref: Kinds[P]["ref"]): string;
  /** How a message names one provider-side app of the configured app `name`, which has `refs` of them. */
  appLabel(ref: Kinds[P]["ref"], name: string, refs: number): string;
  /** How a Markdown plan names a provider-side app that no configured app may name. */
  appTitle(ref: Kinds[P]["ref"]): string;
  /** What identifies the app on the provider, for the digest of the environment a plan is made for. */
  appIdentity(app: Kinds[P]["app"]): unknown;
  /** How far ahead a listing must look to see every task the provider may hold. */
  listingHorizonMs: number;
  /** The most unexecuted scheduled tasks an app may hold, where the provider limits it. */
  pendingTaskLimit: number | null;
  /** Whether a created task counts toward `pendingTaskLimit` (a scheduled or loop task, not an immediate push). */
  holdsPending(task: Kinds[P]["task"]): boolean;
}

const emas: ProviderBehaviour<"emas"> = {
  appRefs: (app) => [...new Set(Object.values(app.appKeys).filter((k): k is number => k !== undefined))].map((appKey) => ({ provider: "emas", appKey })),
  appRefOf: (task) => ({ provider: "emas", appKey: task.request.AppKey }),
  appRefKey: (ref) => `emas:${ref.appKey}`,
  appLabel: (ref, name, refs) => (refs > 1 ? `"${name}" (app key ${ref.appKey})` : `"${name}"`),
  appTitle: (ref) => `EMAS app key ${ref.appKey}`,
  appIdentity: (app) => ({ emas: app.appKeys }),
  listingHorizonMs: EMAS_SCHEDULE_WINDOW_MS,
  pendingTaskLimit: null,
  holdsPending: () => false,
};

const mpaas: ProviderBehaviour<"mpaas"> = {
  appRefs: (app) => [{ provider: "mpaas", appId: app.appId, workspaceId: app.workspaceId }],
  appRefOf: (task) => ({ provider: "mpaas", appId: task.request.AppId, workspaceId: task.request.WorkspaceId }),
  appRefKey: (ref) => `mpaas:${ref.appId}/${ref.workspaceId}`,
  appLabel: (_ref, name) => `"${name}"`,
  appTitle: (ref) => `mPaaS ${ref.appId}/${ref.workspaceId}`,
  appIdentity: (app) => ({ mpaas: [app.appId, app.workspaceId] }),
  listingHorizonMs: MPAAS_LISTING_HORIZON_MS,
  pendingTaskLimit: MPAAS_PENDING_TASK_LIMIT,
  holdsPending: (task) => Boolean(task.request.StrategyType),
};

const BEHAVIOURS: { [P in ProviderName]: ProviderBehaviour<P> } = { emas, mpaas };

type Any = ProviderBehaviour<ProviderName> & {
  appRefs(app: ResolvedApp): AppRef[];
  appRefOf(task: CompiledTask): AppRef;
  appRefKey(ref: AppRef): string;
  appLabel(ref: AppRef, name: string, refs: number): string;
  appTitle(ref: AppRef): string;
  appIdentity(app: ResolvedApp): unknown;
  holdsPending(task: CompiledTask): boolean;
};

/** The behaviour of the provider a value belongs to: its `provider` field picks it. */
export function behaviourOf(value: { provider: ProviderName }): Any {
  return BEHAVIOURS[value.provider] as unknown as Any;
}

export function appRefOf(task: CompiledTask): AppRef {
  return behaviourOf(task).appRefOf(task);
}

export function appRefKey(ref: AppRef): string {
  return behaviourOf(ref).appRefKey(ref);
}
