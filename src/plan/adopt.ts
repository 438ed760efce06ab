/**
 * Recognising on the provider a task push made that no record holds (issue 12): after a lost state, a fresh
 * checkout, or a create whose reply was lost. Each listed task is matched once, by what its listing shows of the
 * request (its provider's identity) and by its time; the plan adopts it (state only) instead of sending it again.
 */
import type { ResolvedApp } from "../model/app.js";
import type { Operation } from "../model/plan.js";
import type { RemoteTask } from "../model/remote.js";
import type { TaskRecord } from "../model/state.js";
import type { CompiledTask } from "../model/task.js";
import { appRefKey, appRefOf, behaviourOf, shownIdentityOf } from "../providers/behaviour.js";
import { providerZone } from "../providers/mpaas/loop.js";

export class Recognition {
  private readonly byIdentity = new Map<string, RemoteTask[]>();
  /** The remote ids matched so far: each listed task is adopted once. */
  readonly taken = new Set<string>();

  constructor(
    unrecorded: RemoteTask[],
    private readonly apps: Record<string, ResolvedApp>,
  ) {
    for (const remote of unrecorded) {
      const identity = shownIdentityOf(remote);
      if (identity === undefined) continue;
      const key = `${appRefKey(remote.appRef)}\0${identity}`;
      this.byIdentity.set(key, [...(this.byIdentity.get(key) ?? []), remote]);
    }
  }

  /** The listed task that is this send, not matched before, or null. */
  find(task: CompiledTask): RemoteTask | null {
    const behaviour = behaviourOf(task);
    const identity = behaviour.listedIdentity(task);
    if (identity === null) return null;
    const zone = providerZone(this.apps, task.app);
    const found = (this.byIdentity.get(`${appRefKey(appRefOf(task))}\0${identity}`) ?? []).find(
      (remote) => !this.taken.has(remote.remoteId) && behaviour.sameSend(task, remote, zone),
    );
    if (!found) return null;
    this.taken.add(found.remoteId);
    return found;
  }
}

/** The state-only operation that records `remote` as `task`'s; `prior`: a pending record it settles. */
export function adoption(task: CompiledTask, remote: RemoteTask, extra: { protect?: boolean; timezone?: string; prior?: TaskRecord }): Operation {
  const status = remote.status === "sent" ? "sent" : "scheduled";
  const why = extra.prior
    ? "a create whose outcome was unknown: the provider lists it, so it is recorded and not sent again"
    : `the provider ${status === "sent" ? "sent" : "holds"} exactly this task and no record says so (a lost state, or a reply lost): recorded, not sent again`;
  return {
    kind: "adopt",
    key: task.key,
    task,
    remoteId: remote.remoteId,
    status,
    reason: why,
    ...(extra.protect ? { protect: true } : {}),
    ...(extra.timezone ? { timezone: extra.timezone } : {}),
    ...(extra.prior ? { prior: extra.prior } : {}),
  };
}
