import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import type { Plan } from "../../model/plan.js";
import { makePlan } from "../../plan/make.js";
import { refresh } from "../../refresh/refresh.js";
import { renderPlanJson } from "../../render/plan/json.js";
import { renderPlanMarkdown } from "../../render/plan/markdown.js";
import { renderPlanText } from "../../render/plan/text.js";
import { useColor, type CliIO, type ExitCode } from "../io.js";
import type { Workspace } from "../workspace.js";

/** Compile, refresh, plan: a Plan value, or null after printing why there is none. */
export async function computePlan(ws: Workspace, io: CliIO): Promise<Plan | null> {
  const project = await ws.compile();
  if (hasErrors(project.diagnostics)) {
    io.stderr.write(ws.renderDiagnostics(project.diagnostics, useColor(io, "stderr")));
    return null;
  }
  const backend = await ws.backend();
  const snapshot = await backend.read();
  const retry = { attempts: 6, baseMs: 200, maxMs: 5_000, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: Math.random };
  const observed = await refresh({ snapshot, providers: await ws.providers(), now: ws.now(), apps: ws.apps, retry });
  const plan = makePlan({ tasks: project.tasks, deferred: project.deferred, campaigns: project.campaigns, snapshot, refresh: observed, now: ws.now() });
  const all = [...project.diagnostics, ...plan.diagnostics];
  if (all.length) io.stderr.write(ws.renderDiagnostics(all, useColor(io, "stderr")));
  return hasErrors(plan.diagnostics) ? null : plan;
}

/** `push plan`: refresh and diff; text, JSON or Markdown; `--out` saves the plan for `push apply FILE`. */
export async function runPlanCommand(ws: Workspace, options: { format: "text" | "json" | "markdown"; out?: string; detailedExitcode: boolean }, io: CliIO): Promise<ExitCode> {
  const plan = await computePlan(ws, io);
  if (!plan) return 1;
  io.stdout.write(options.format === "json" ? renderPlanJson(plan) : options.format === "markdown" ? renderPlanMarkdown(plan) : renderPlanText(plan, { color: useColor(io) }));
  if (options.out) writeFileSync(resolve(io.cwd, options.out), renderPlanJson(plan));
  return options.detailedExitcode && plan.operations.length > 0 ? 2 : 0;
}
