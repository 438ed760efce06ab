/**
 * Campaign + config + clock -> provider tasks. Pure: audience files arrive already read, the clock is a value.
 * Provider rules run first (src/validate/rules); a campaign with an error compiles to no task.
 */
import { ID_AUDIENCES } from "../model/audience.js";
import { MPAAS_PENDING_TASK_LIMIT } from "../providers/mpaas/limits.js";
import { error, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { countedNames } from "../diagnostics/excerpt.js";
import type { ResolvedApp } from "../model/app.js";
import type { Campaign, CampaignSource, SourcedCampaign, Target } from "../model/campaign.js";
import type { CompiledTask, DeferredOccurrences, ProviderName } from "../model/task.js";
import { runRules } from "../validate/rules/index.js";
import { compileEmas, type EmasInput } from "./emas/compile.js";
import { compileMpaas } from "./mpaas/compile.js";

export interface CompileContext {
  app: ResolvedApp;
  source: CampaignSource;
  now: number;
  defaultTimezone: string;
  /** Audience file contents, keyed by the path as written in the campaign. */
  audienceFiles: Record<string, string[]>;
}

export interface CompileResult {
  tasks: CompiledTask[];
  deferred: DeferredOccurrences | null;
  /** When each mPaaS scheduled or loop task runs for the last time, by task key. */
  lastRuns: Record<string, number>;
  diagnostics: Diagnostic[];
}

export interface ProjectContext {
  apps: Record<string, ResolvedApp>;
  now: number;
  defaultTimezone: string;
  /** Per campaign file: audience file contents keyed by the path as written. */
  audienceFiles: Record<string, Record<string, string[]>>;
}

export interface ProjectResult {
  tasks: CompiledTask[];
  /** The mPaaS scheduled and loop tasks among `tasks`, for `checkProjectLimits`. */
  scheduled: ScheduledTaskRef[];
  deferred: DeferredOccurrences[];
  diagnostics: Diagnostic[];
}

/** The ids of a list audience: inline, or the named audience file's. */
function audienceIds(target: Target, files: Record<string, string[]>): string[] | null {
  for (const { key, file: fileKey } of ID_AUDIENCES) {
    const inline = target[key] as string[] | undefined;
    if (inline) return inline;
    const file = fileKey && target[fileKey];
    // An own key only: `devicesFile: constructor` names a file, not Object's constructor.
    if (typeof file === "string") return Object.hasOwn(files, file) ? files[file]! : [];
  }
  return null;
}

type CompilerInput<A extends ResolvedApp> = Omit<EmasInput, "app"> & { app: A };

/** One compiler per provider; each fills what the other provider has no use for (EMAS loops, mPaaS deferral). */
const COMPILERS: { [P in ProviderName]: (input: CompilerInput<Extract<ResolvedApp, { provider: P }>>) => CompileResult } = {
  emas: (input) => ({ ...compileEmas(input), lastRuns: {} }),
  mpaas: (input) => ({ ...compileMpaas(input), deferred: null }),
};

export function compileCampaign(campaign: Campaign, ctx: CompileContext): CompileResult {
  const at = { file: ctx.source.file, document: ctx.source.document };
  const ruleContext = { campaign, app: ctx.app, now: ctx.now, defaultTimezone: ctx.defaultTimezone };
  const ruled = runRules(ctx.app.provider, ruleContext, ctx.source);
  if (hasErrors(ruled)) return { tasks: [], deferred: null, lastRuns: {}, diagnostics: ruled.map((d) => ({ ...at, ...d })) };
  const ids = audienceIds(campaign.target, ctx.audienceFiles);
  const { source, now, defaultTimezone, app } = ctx;
  const compile = COMPILERS[app.provider] as (input: CompilerInput<ResolvedApp>) => CompileResult;
  const result = compile({ campaign, source, now, defaultTimezone, ids, app });
  const diagnostics = ruled.length || result.diagnostics.length ? [...ruled, ...result.diagnostics].map((d) => ({ ...at, ...d })) : ruled;
  return { tasks: result.tasks, deferred: result.deferred, lastRuns: result.lastRuns, diagnostics };
}

/** Compiles many campaigns (no cross-campaign checks: `checkProjectLimits` does those over all tasks). */
export function compileCampaigns(inputs: SourcedCampaign[], ctx: ProjectContext): ProjectResult {
  const tasks: CompiledTask[] = [];
  const scheduled: ScheduledTaskRef[] = [];
  const deferred: DeferredOccurrences[] = [];
  const diagnostics: Diagnostic[] = [];
  const known = Object.keys(ctx.apps);
  for (const { campaign, source } of inputs) {
    // An own key only: `app: __proto__` or `app: toString` names no app.
    const app = Object.hasOwn(ctx.apps, campaign.app) ? ctx.apps[campaign.app] : undefined;
    if (!app) {
      diagnostics.push(
        error("unknown-app", `app "${campaign.app}" is not in the config`, {
          file: source.file,
          document: source.document,
          pointer: "/app",
          hint: known.length ? `use one of: ${known.join(", ")}` : "add the app to `apps` in push.config.ts",
        }),
      );
      continue;
    }
    const result = compileCampaign(campaign, {
      app,
      source,
      now: ctx.now,
      defaultTimezone: ctx.defaultTimezone,
      audienceFiles: ctx.audienceFiles[source.file] ?? {},
    });
    tasks.push(...result.tasks);
    // mPaaS counts its unexecuted scheduled and loop tasks: one whose last run has passed is history.
    for (const task of result.tasks) {
      const last = result.lastRuns[task.key];
      if (last !== undefined && last > ctx.now) scheduled.push({ app: task.app, campaign: task.campaign, file: source.file, document: source.document });
    }
    if (result.deferred) deferred.push(result.deferred);
    diagnostics.push(...result.diagnostics);
  }
  return { tasks, scheduled, deferred, diagnostics };
}

/** An mPaaS scheduled or loop task, as the per-app pending-task limit counts it: where its campaign is. */
export interface ScheduledTaskRef {
  app: string;
  campaign: string;
  file: string;
  document: number;
}

/** Rules over the whole project's tasks: scheduled and loop tasks per mPaaS app (plan adds the remote ones). */
export function checkProjectLimits(scheduled: ScheduledTaskRef[]): Diagnostic[] {
  const byApp = new Map<string, ScheduledTaskRef[]>();
  for (const task of scheduled) {
    const list = byApp.get(task.app);
    if (list) list.push(task);
    else byApp.set(task.app, [task]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [app, list] of byApp) {
    if (list.length <= MPAAS_PENDING_TASK_LIMIT) continue;
    const first = list[MPAAS_PENDING_TASK_LIMIT]!;
    diagnostics.push(
      error(
        "mpaas-scheduled-task-limit",
        `app "${app}" would have ${list.length} scheduled or loop tasks; mPaaS allows at most ${MPAAS_PENDING_TASK_LIMIT} unexecuted ones per app. Tasks by campaign: ${countedNames(list.map((t) => t.campaign))}`,
        {
          file: first.file,
          document: first.document,
          pointer: "/schedule",
          hint: "merge campaigns, shorten loops, or schedule some later",
        },
      ),
    );
  }
  return diagnostics;
}

export function compileProject(inputs: SourcedCampaign[], ctx: ProjectContext): ProjectResult {
  const result = compileCampaigns(inputs, ctx);
  return { ...result, diagnostics: [...result.diagnostics, ...checkProjectLimits(result.scheduled)] };
}
