import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { apply, type ApplyEvent, type ApplyResult } from "../../apply/apply.js";
import { progressLine } from "../../render/apply/progress.js";
import type { Plan } from "../../model/plan.js";
import { checkEnvironment } from "../../plan/environment.js";
import { readPlan } from "../../plan/planfile.js";
import { renderPlanText } from "../../render/plan/text.js";
import { useColor, type CliIO, type ExitCode } from "../io.js";
import type { Workspace } from "../../pipeline/workspace.js";
import { stateDiagnostics } from "../state-guard.js";
import { computePlan, printPlanDiagnostics } from "./plan.js";

/** A saved plan, or null after saying why it cannot be one. */
function readPlanFile(planFile: string, io: CliIO): Plan | null {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, planFile), "utf8");
  } catch (cause) {
    io.stderr.write(`error: cannot read the plan ${planFile}: ${(cause as Error).message}\n`);
    return null;
  }
  const read = readPlan(text);
  if ("plan" in read) return read.plan;
  io.stderr.write(`error: ${planFile} is not a plan push can apply:\n${read.problems.map((p) => `  - ${p}`).join("\n")}\n`);
  return null;
}

function refuse(reasons: string[], io: CliIO): ExitCode {
  io.stderr.write(`error: the plan cannot be applied:\n${reasons.map((r) => `  - ${r}`).join("\n")}\n`);
  return 1;
}

/** `push apply [plan.json]`: a saved plan, or plan and ask (never without a TTY unless --auto-approve). */
export async function runApplyCommand(ws: Workspace, options: { planFile?: string; autoApprove: boolean; targets?: string[] }, io: CliIO): Promise<ExitCode> {
  let plan: Plan | null;
  if (options.planFile) {
    if (options.targets?.length) {
      io.stderr.write("error: a saved plan carries its own targets (push plan --target ... --out FILE): apply it without --target\n");
      return 1;
    }
    plan = readPlanFile(options.planFile, io);
    if (!plan) return 1;
    const elsewhere = checkEnvironment(plan, ws.environment, ws.apps);
    if (elsewhere.length) return refuse(elsewhere, io);
    if (plan.operations.length) {
      const stateProblems = (await stateDiagnostics(ws, await (await ws.backend()).read(), io.env, "apply")).filter((d) => d.severity === "error");
      if (stateProblems.length)
        return refuse(
          stateProblems.map((d) => `${d.message}\n    hint: ${d.hint}`),
          io,
        );
    }
  } else {
    const outcome = await computePlan(ws, io, "apply", options.targets ?? []);
    printPlanDiagnostics(outcome, io);
    plan = outcome.plan;
    if (!plan) return 1;
    io.stdout.write(renderPlanText(plan, { color: useColor(io) }));
    if (plan.operations.length === 0) return 0;
    if (!options.autoApprove) {
      if (!io.prompt) {
        io.stderr.write("error: no terminal to confirm on: run with --auto-approve, or apply a saved plan (push plan --out plan.json)\n");
        return 1;
      }
      if ((await io.prompt("Apply these changes? Only 'yes' will be accepted: ")).trim() !== "yes") {
        io.stderr.write("Apply cancelled.\n");
        return 1;
      }
    }
  }
  const result = await apply({
    plan,
    backend: await ws.backend(),
    providers: await ws.providers(),
    now: () => ws.now(),
    ticks: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
    rateLimit: ws.rateLimit,
    identity: ws.identity,
    progress: progressView(io, plan.operations.length),
  });
  if (result.refused.length) return refuse(result.refused, io);
  const count = (kind: string) => result.done.filter((d) => d.kind === kind).length;
  const protections = `${count("protect") ? `; ${count("protect")} protection(s) recorded` : ""}${count("adopt") ? `; ${count("adopt")} adopted` : ""}${count("move") ? `; ${count("move")} moved` : ""}`;
  const counts = `${count("create")} created, ${count("replace")} replaced, ${count("cancel")} cancelled, ${result.failed.length} failed${protections}`;
  if (result.stopped) {
    io.stdout.write(`Apply stopped: ${counts}.\n`);
    io.stderr.write(stoppedText(result.stopped));
    return 1;
  }
  io.stdout.write(`Apply complete: ${counts}.\n`);
  return result.failed.length ? 1 : 0;
}

/** What a stopped apply did that state does not record, by task and remote id, and what it did not do. */
function stoppedText(stopped: NonNullable<ApplyResult["stopped"]>): string {
  const lines = [`error: apply stopped, and sent nothing more, because the state could not record a change: ${stopped.reason}`];
  if (stopped.unrecorded.length) {
    lines.push(
      `  sent and NOT recorded in the state (${stopped.unrecorded.length}; each is journaled as pending, and the next push plan resumes it by its idempotency value):`,
    );
    lines.push(...stopped.unrecorded.map((u) => `    ${u.kind} ${u.key} -> ${u.remoteId ?? "(no id: sent when applied)"}`));
  } else lines.push("  every call made to the provider is recorded in the state");
  if (stopped.notCarriedOut.length)
    lines.push(
      `  not carried out: ${stopped.notCarriedOut.length} operation(s): ${stopped.notCarriedOut.slice(0, 20).join(", ")}${stopped.notCarriedOut.length > 20 ? ", ..." : ""}`,
    );
  lines.push("  fix the cause, then run push plan again");
  return `${lines.join("\n")}\n`;
}

/**
 * On a terminal, one line that updates in place, counting each operation done or failed (a failed MassPushV2
 * batch counts its every member); elsewhere (CI logs), one plain line per event.
 */
function progressView(io: CliIO, total: number): (event: ApplyEvent) => void {
  if (!io.stdout.isTTY) return (event) => io.stdout.write(`${progressLine(event)}\n`);
  let done = 0;
  return (event) => {
    const line = progressLine(event);
    if (event.kind === "done" || event.kind === "failed") done++;
    if (event.kind === "batch-failed") done += event.count;
    if (event.kind === "failed" || event.kind === "batch-failed" || event.kind === "stopped") io.stdout.write(`\r\u001b[2K${line}\n`);
    else io.stdout.write(`\r\u001b[2K[${done}/${total}] ${line.trim()}`);
    if (event.kind === "done" && done === total) io.stdout.write("\n");
  };
}
