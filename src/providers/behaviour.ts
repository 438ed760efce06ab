/**
 * What differs between the providers beyond the wire, behind one interface and a registry keyed by provider, so
 * that the stages ask the provider instead of branching on its name (STYLE principle 10). Pure: no client, no
 * I/O; the emulator never imports it. `behaviourOf*` hold the one cast a correlated union needs.
 */
import { plural } from "../lib/plural.js";
import type { AppRef, ResolvedApp, ResolvedEmasApp, ResolvedMpaasApp } from "../model/app.js";
import type { CompiledTask, EmasTask, MpaasTask, ProviderName } from "../model/task.js";
import { idempotentToken, messageKey } from "../lib/digest.js";
import { formatUtc } from "../lib/time/instant.js";
import type { Draft, DraftContext, RemoteTask, Shown } from "../model/remote.js";
import { emasDraft } from "./emas/import.js";
import { mpaasDraft } from "./mpaas/import.js";
import { emasContentHash } from "./emas/hash.js";
import { emasIdentity, emasTaskIdentity } from "./emas/identity.js";
import { mpaasIdentity, mpaasTaskIdentity } from "./mpaas/identity.js";
import { sendTimes } from "./mpaas/loop.js";
import { EMAS_AUDIENCE_MAX_IDS, EMAS_SCHEDULE_WINDOW_MS } from "./emas/limits.js";
import { mpaasContentHash } from "./mpaas/hash.js";
import { MPAAS_AUDIENCE_MAX_IDS, MPAAS_LISTING_HORIZON_MS, MPAAS_PENDING_TASK_LIMIT } from "./mpaas/limits.js";
import { requestFromRecord, wireRequest } from "./mpaas/wire.js";

/**
 * Who a task reaches, for a reader: ids with their noun (singular: `device id`), a tag, everyone, or no one yet (a
 * continuous push's create task, whose batches name the targets); and on which platforms.
 */
type Audience = {
  platforms: string;
  target: { kind: "ids"; noun: string; ids: string[] } | { kind: "tag"; tag: string } | { kind: "all" } | { kind: "none" };
};

const EMAS_NOUNS: Record<string, string> = { DEVICE: "device id", ACCOUNT: "account", ALIAS: "alias" };
/** mPaaS DeliveryType: the noun of its targets and the platforms it reaches. */
const MPAAS_NOUNS: Record<number, [string, string]> = {
  1: ["Android device id", "Android"],
  2: ["iOS device id", "iOS"],
  3: ["user id", "iOS, Android, HarmonyOS"],
  5: ["Live Activity push token", "iOS"],
  6: ["Live Activity id", "iOS"],
  7: ["HarmonyOS device id", "HarmonyOS"],
};
const counted = (n: number, noun: string) => `<${plural(n, noun)}>`;

interface Kinds {
  emas: { app: ResolvedEmasApp; task: EmasTask; ref: Extract<AppRef, { provider: "emas" }>; shown: Extract<Shown, { provider: "emas" }> };
  mpaas: { app: ResolvedMpaasApp; task: MpaasTask; ref: Extract<AppRef, { provider: "mpaas" }>; shown: Extract<Shown, { provider: "mpaas" }> };
}

interface ProviderBehaviour<P extends ProviderName> {
  /** Who the task reaches: ids with their noun (`devices`), a tag, or everyone; and on which platforms. */
  reach(task: Kinds[P]["task"]): Audience;
  /** The request with every id replaced by a count: what a page a reviewer reads may show of it. */
  redacted(task: Kinds[P]["task"]): object;
  /** What a listing would show of `task` (`shownIdentity` of its listing), or null when no listing shows it. */
  listedIdentity(task: Kinds[P]["task"]): string | null;
  /** The identity of what a listing shows of a task: equal to `listedIdentity` of the task that made it. */
  shownIdentity(shown: Kinds[P]["shown"]): string;
  /** Whether a listed task of the same identity is this send: the same time, a run of the same loop, or an immediate push sent. */
  sameSend(task: Kinds[P]["task"], remote: RemoteTask, providerZone: string): boolean;
  /** The campaign `push import` writes from what a listing shows of a task sent at `sendAt`, or why none. */
  draft(shown: Kinds[P]["shown"], sendAt: string | null, context: DraftContext): Draft;
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
  /** How far ahead the provider takes a scheduled send (later ones wait for a later apply), if it limits it. */
  scheduleHorizonMs: number | null;
  /** The most unexecuted scheduled tasks an app may hold, where the provider limits it. */
  pendingTaskLimit: number | null;
  /** Whether a created task counts toward `pendingTaskLimit` (a scheduled or loop task, not an immediate push). */
  holdsPending(task: Kinds[P]["task"]): boolean;
  /** The value that makes a repeated create harmless: EMAS IdempotentToken, mPaaS TargetMsgkey (its text). */
  idempotencyKey(task: Kinds[P]["task"]): string;
  /** The task's content hash, recomputed from its request as compile computes it. */
  contentHash(task: Kinds[P]["task"]): string;
  /** The request as the API takes it, JSON-text parameters as text: what `push compile` shows. */
  wireRequest(task: Kinds[P]["task"]): object;
  /** A request read back from state, in today's form (records may predate it). */
  recordedRequest(request: Kinds[P]["task"]["request"]): Kinds[P]["task"]["request"];
  /** The task as sent at `now`: a push sent when applied expires its ttl after it is sent, not after planning. */
  atSend(task: Kinds[P]["task"], now: number): Kinds[P]["task"];
  /** The task with idempotency values of re-create number `generation` (salted), so the provider sees a new task. */
  withGeneration(task: Kinds[P]["task"], salt: string): Kinds[P]["task"];
  /** Whether the task may go in a batch request (EMAS MassPushV2, api-facts §2.6). */
  batchable(task: Kinds[P]["task"]): boolean;
  /** The notification title, if the task shows one. */
  notificationTitle(task: Kinds[P]["task"]): string | undefined;
  /** The one platform the task names, if it names one (mPaaS tasks reach every platform their delivery type has). */
  namedPlatform(task: Kinds[P]["task"]): "IOS" | "ANDROID" | "HMOS" | undefined;
  /** The zone the provider reads loop days and times in, where it has loops of its own (mPaaS). */
  providerZone(app: Kinds[P]["app"]): string | null;
  /** The ids one campaign may hold in an audience file, the provider's name for messages, and the way out. */
  audience: { maxIds: number; provider: string; hint: string };
}

const emas: ProviderBehaviour<"emas"> = {
  appRefs: (app) => [...new Set(Object.values(app.appKeys).filter((k): k is number => k !== undefined))].map((appKey) => ({ provider: "emas", appKey })),
  appRefOf: (task) => ({ provider: "emas", appKey: task.request.AppKey }),
  appRefKey: (ref) => `emas:${ref.appKey}`,
  appLabel: (ref, name, refs) => (refs > 1 ? `"${name}" (app key ${ref.appKey})` : `"${name}"`),
  appTitle: (ref) => `EMAS app key ${ref.appKey}`,
  appIdentity: (app) => ({ emas: app.appKeys }),
  listingHorizonMs: EMAS_SCHEDULE_WINDOW_MS,
  scheduleHorizonMs: EMAS_SCHEDULE_WINDOW_MS,
  pendingTaskLimit: null,
  holdsPending: () => false,
  idempotencyKey: (task) => task.request.IdempotentToken,
  listedIdentity: (task) => emasTaskIdentity(task.request.PushTask),
  shownIdentity: emasIdentity,
  reach(task) {
    const target = task.request.PushTask.Target;
    const platforms = target?.Platform ? { IOS: "iOS", ANDROID: "Android", HMOS: "HarmonyOS" }[target.Platform] : "all platforms";
    if (!target) return { platforms, target: { kind: "none" } };
    if (target.Type === "ALL") return { platforms, target: { kind: "all" } };
    if (target.Type === "TAG") return { platforms, target: { kind: "tag", tag: target.Value ?? "" } };
    return { platforms, target: { kind: "ids", noun: EMAS_NOUNS[target.Type] ?? "target", ids: target.Value ? target.Value.split(",") : [] } };
  },
  redacted(task) {
    const { PushTask, IdempotentToken: _token, ...rest } = task.request;
    const target = PushTask.Target;
    if (!target?.Value || !EMAS_NOUNS[target.Type]) return { ...rest, PushTask };
    return { ...rest, PushTask: { ...PushTask, Target: { ...target, Value: counted(target.Value.split(",").length, EMAS_NOUNS[target.Type]!) } } };
  },
  sameSend: (task, remote) => (task.sendAt === null ? remote.status === "sent" : remote.sendAt === task.sendAt),
  draft: emasDraft,
  contentHash: (task) => emasContentHash(task.request.AppKey, task.request.PushTask, task.sendAt),
  wireRequest: (task) => task.request,
  recordedRequest: (request) => request,
  atSend(task, now) {
    if (task.sendAt !== null || task.ttlSeconds === undefined || !task.request.PushTask.Options?.ExpireTime) return task;
    const Options = { ...task.request.PushTask.Options, ExpireTime: formatUtc(now + task.ttlSeconds * 1000) };
    return { ...task, request: { ...task.request, PushTask: { ...task.request.PushTask, Options } } };
  },
  withGeneration: (task, salt) => ({ ...task, request: { ...task.request, IdempotentToken: idempotentToken(task.request.IdempotentToken, salt) } }),
  batchable(task) {
    const push = task.request.PushTask;
    return (
      !task.dependsOn &&
      (push.Action === undefined || push.Action === "SCHEDULED_PUSH") &&
      ["DEVICE", "ACCOUNT", "ALIAS"].includes(push.Target?.Type ?? "") &&
      !push.Options?.Sms
    );
  },
  notificationTitle: (task) => task.request.PushTask.Notification?.Title,
  namedPlatform: (task) => task.request.PushTask.Target?.Platform,
  providerZone: () => null,
  audience: { maxIds: EMAS_AUDIENCE_MAX_IDS, provider: "EMAS", hint: "split the audience over several campaigns, or target a tag" },
};

const mpaas: ProviderBehaviour<"mpaas"> = {
  appRefs: (app) => [{ provider: "mpaas", appId: app.appId, workspaceId: app.workspaceId }],
  appRefOf: (task) => ({ provider: "mpaas", appId: task.request.AppId, workspaceId: task.request.WorkspaceId }),
  appRefKey: (ref) => `mpaas:${ref.appId}/${ref.workspaceId}`,
  appLabel: (_ref, name) => `"${name}"`,
  appTitle: (ref) => `mPaaS ${ref.appId}/${ref.workspaceId}`,
  appIdentity: (app) => ({ mpaas: [app.appId, app.workspaceId] }),
  listingHorizonMs: MPAAS_LISTING_HORIZON_MS,
  scheduleHorizonMs: null,
  pendingTaskLimit: MPAAS_PENDING_TASK_LIMIT,
  holdsPending: (task) => Boolean(task.request.StrategyType),
  idempotencyKey: (task) => JSON.stringify(task.request.TargetMsgkey),
  reach(task) {
    const [noun, platforms] = MPAAS_NOUNS[task.request.DeliveryType] ?? ["target", "-"];
    return { platforms, target: { kind: "ids", noun, ids: Object.keys(task.request.TargetMsgkey) } };
  },
  redacted(task) {
    const [noun] = MPAAS_NOUNS[task.request.DeliveryType] ?? ["target"];
    return { ...task.request, TargetMsgkey: counted(Object.keys(task.request.TargetMsgkey).length, noun) };
  },
  // Immediate pushes are not listed (QueryPushSchedulerList lists scheduled and loop tasks).
  listedIdentity: (task) => (task.request.StrategyType ? mpaasTaskIdentity(task.request) : null),
  shownIdentity: mpaasIdentity,
  sameSend: (task, remote, zone) => remote.sendAt !== null && sendTimes(task, zone).includes(Date.parse(remote.sendAt)),
  draft: mpaasDraft,
  contentHash(task) {
    const { TargetMsgkey, ...request } = task.request;
    return mpaasContentHash(request, Object.keys(TargetMsgkey), task.sendAt);
  },
  wireRequest: (task) => wireRequest(task.request),
  recordedRequest: requestFromRecord,
  atSend: (task) => task,
  withGeneration(task, salt) {
    const targets = Object.entries(task.request.TargetMsgkey);
    const TargetMsgkey = Object.fromEntries(targets.map(([target, key]) => [target, messageKey(key, salt, target)]));
    return { ...task, request: { ...task.request, TargetMsgkey } };
  },
  batchable: () => false,
  notificationTitle: (task) => task.request.Title,
  namedPlatform: () => undefined,
  providerZone: (app) => app.providerTimezone,
  audience: {
    maxIds: MPAAS_AUDIENCE_MAX_IDS,
    provider: "mPaaS",
    hint: "split the audience over several campaigns (each app holds at most 100 scheduled tasks of 10 ids)",
  },
};

const BEHAVIOURS: { [P in ProviderName]: ProviderBehaviour<P> } = { emas, mpaas };

/** A behaviour taken for a value of either provider (the registry guarantees the pairing). */
interface Any {
  listingHorizonMs: number;
  scheduleHorizonMs: number | null;
  pendingTaskLimit: number | null;
  appRefs(app: ResolvedApp): AppRef[];
  appRefOf(task: CompiledTask): AppRef;
  appRefKey(ref: AppRef): string;
  appLabel(ref: AppRef, name: string, refs: number): string;
  appTitle(ref: AppRef): string;
  appIdentity(app: ResolvedApp): unknown;
  holdsPending(task: CompiledTask): boolean;
  idempotencyKey(task: CompiledTask): string;
  listedIdentity(task: CompiledTask): string | null;
  shownIdentity(shown: Shown): string;
  reach(task: CompiledTask): Audience;
  redacted(task: CompiledTask): object;
  sameSend(task: CompiledTask, remote: RemoteTask, providerZone: string): boolean;
  draft(shown: Shown, sendAt: string | null, context: DraftContext): Draft;
  contentHash(task: CompiledTask): string;
  wireRequest(task: CompiledTask): object;
  recordedRequest<R extends CompiledTask["request"]>(request: R): R;
  atSend<T extends CompiledTask>(task: T, now: number): T;
  withGeneration<T extends CompiledTask>(task: T, salt: string): T;
  batchable(task: CompiledTask): boolean;
  notificationTitle(task: CompiledTask): string | undefined;
  namedPlatform(task: CompiledTask): "IOS" | "ANDROID" | "HMOS" | undefined;
  providerZone(app: ResolvedApp): string | null;
  audience: { maxIds: number; provider: string; hint: string };
}

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

/** What identifies a listed task, read from what its listing shows; undefined when it shows nothing. */
export function shownIdentityOf(remote: RemoteTask): string | undefined {
  return remote.shown ? behaviourOf(remote.shown).shownIdentity(remote.shown) : undefined;
}
