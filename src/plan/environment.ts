/**
 * The environment a plan is made for, and why a saved plan may not be applied under another: with another
 * `--env` its requests would reach another endpoint or other apps than the ones reviewed (a base-config plan
 * sent to production). Pure.
 */
import { behaviourOf } from "../providers/behaviour.js";
import { canonicalJson, sha256 } from "../lib/digest.js";
import type { ResolvedApp } from "../model/app.js";
import type { Operation, Plan, PlanEnvironment, RunEnvironment } from "../model/plan.js";

/** The apps the operations address, by name: what they send with, or what they cancel. */
function appsOf(operations: Operation[]): string[] {
  return [...new Set(operations.map((op) => ("task" in op ? op.task.app : op.prior.app)))].sort();
}

function identity(app: ResolvedApp | undefined): unknown {
  if (!app) return null;
  return behaviourOf(app).appIdentity(app);
}

export function planEnvironment(run: RunEnvironment, apps: Record<string, ResolvedApp>, operations: Operation[]): PlanEnvironment {
  const addressed = Object.fromEntries(appsOf(operations).map((name) => [name, identity(apps[name])]));
  return { ...run, digest: sha256(canonicalJson({ endpoint: run.endpoint, region: run.region, apps: addressed })).slice(0, 16) };
}

/** `--env production (http://127.0.0.1:4611)`, `the config without --env (the embedded emulator)`. */
function described(env: RunEnvironment): string {
  const where = env.endpoint === "local" ? "the embedded emulator" : (env.endpoint ?? `Alibaba Cloud, ${env.region}`);
  return `${env.name === null ? "the config without --env" : `--env ${env.name}`} (${where})`;
}

/** Why `plan` may not be applied in the run's environment: empty when it is the one the plan was made for. */
export function checkEnvironment(plan: Plan, run: RunEnvironment, apps: Record<string, ResolvedApp>): string[] {
  const made = plan.environment;
  const current = planEnvironment(run, apps, plan.operations);
  if (made.name !== current.name) {
    const how = made.name === null ? "without --env" : `with --env ${made.name}`;
    return [`the plan was made for ${described(made)}, and this run is for ${described(current)}: apply it ${how}, or make a plan for this environment`];
  }
  // The same --env name, but the config changed since: its endpoint or the addressed apps' keys are not the same.
  if (made.digest !== current.digest) {
    return [
      `the endpoint or the keys of the apps the plan addresses (${appsOf(plan.operations).join(", ")}) are not the ones it was made for (${described(made)}): run push plan again`,
    ];
  }
  return [];
}
