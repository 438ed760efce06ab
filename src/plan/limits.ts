/**
 * mPaaS allows at most 100 unexecuted scheduled or loop tasks per app (mPaaS seed), counting those scheduled
 * outside push. Compile counts the project's own tasks; here the plan counts what the provider will hold after
 * apply: what it lists as pending now, less what the plan cancels, plus what it creates.
 */
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { countedNames } from "../diagnostics/excerpt.js";
import type { AppRef } from "../model/app.js";
import type { Operation } from "../model/plan.js";
import type { RemoteTask } from "../model/remote.js";
import { appRefKey, appRefOf, behaviourOf } from "../providers/behaviour.js";
import type { CompiledTask } from "../model/task.js";

type Located = (task: CompiledTask, pointer: string) => Partial<Diagnostic>;

export function checkPendingLimit(operations: Operation[], scheduled: RemoteTask[], at: Located): Diagnostic[] {
  const apps = new Map<string, { limit: number; pending: number; cancelled: number; creates: CompiledTask[] }>();
  /** The app's counts, where its provider limits pending tasks; else null. */
  const app = (ref: AppRef) => {
    const limit = behaviourOf(ref).pendingTaskLimit;
    if (limit === null) return null;
    const key = appRefKey(ref);
    return apps.get(key) ?? apps.set(key, { limit, pending: 0, cancelled: 0, creates: [] }).get(key)!;
  };
  for (const task of scheduled) {
    const counts = app(task.appRef);
    if (counts) counts.pending++;
  }
  for (const op of operations) {
    // A recorded task that can be cancelled is scheduled: immediate pushes are recorded as sent.
    if (op.kind === "cancel" || op.kind === "replace") {
      const counts = app(op.prior.appRef);
      if (counts) counts.cancelled++;
    }
    if ((op.kind === "create" || op.kind === "replace") && behaviourOf(op.task).holdsPending(op.task)) app(appRefOf(op.task))?.creates.push(op.task);
  }
  const diagnostics: Diagnostic[] = [];
  for (const { limit, pending, cancelled, creates } of apps.values()) {
    const kept = Math.max(0, pending - cancelled);
    if (creates.length === 0 || kept + creates.length <= limit) continue;
    const first = creates[Math.max(0, limit - kept)]!;
    diagnostics.push(
      error(
        "mpaas-scheduled-task-limit",
        `app "${first.app}" would have ${kept + creates.length} unexecuted scheduled or loop tasks: ${kept} already scheduled on the provider (by push or not) and ${creates.length} to create; mPaaS allows at most ${limit} per app. To create, by campaign: ${countedNames(creates.map((t) => t.campaign))}`,
        { ...at(first, "/schedule"), hint: "wait for some to run, cancel some (in the console for those made there), merge campaigns, or schedule some later" },
      ),
    );
  }
  return diagnostics;
}
