import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { Levels } from "../../diagnostics/levels.js";
import { suppressionTexts } from "../files.js";
import { stateDiagnostics } from "../state-guard.js";
import { dirname, resolve } from "node:path";
import { error, hasErrors, warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { CampaignInfo } from "../../model/campaign.js";
import type { StateSnapshot } from "../../model/state.js";
import { locateDiagnostics } from "../../diagnostics/locate.js";
import { parseCampaignFile, type LoadedDocument } from "../../load/index.js";
import type { Plan } from "../../model/plan.js";
import { makePlan } from "../../plan/make.js";
import { refresh, type RefreshResult } from "../../refresh/refresh.js";
import { renderDiagnosticsJson } from "../../render/diagnostics/json.js";
import { renderDiagnosticsText, type Summary } from "../../render/diagnostics/text.js";
import { renderPlanJson } from "../../render/plan/json.js";
import { renderPlanMarkdown } from "../../render/plan/markdown.js";
import { renderDiagnosticsMarkdown } from "../../render/plan/markdown-diagnostics.js";
import { renderPlanText } from "../../render/plan/text.js";
import { readOptional } from "../files.js";
import { useColor, type CliIO, type ExitCode } from "../io.js";
import type { CompiledProject, Workspace } from "../../pipeline/workspace.js";

export interface PlanOutcome {
  /** Null when an error prevents a plan (compile, refresh or plan diagnostics). */
  plan: Plan | null;
  /** Every diagnostic of compile, refresh and plan. */
  diagnostics: Diagnostic[];
  /** The files of the project's campaigns, and how many campaigns, for the diagnostics' summary line. */
  counts: { files: string[]; campaigns: number };
}

/**
 * Plan diagnostics point at their campaign's first line and name a field: re-read and parse those files (each
 * once, only those) to point at the field, as validate does.
 */
function planLocator(io: CliIO): (diagnostics: Diagnostic[]) => Diagnostic[] {
  const parsed = new Map<string, LoadedDocument[]>();
  const documents = (file: string) => {
    if (!parsed.has(file)) {
      const text = readOptional(file, io.cwd);
      parsed.set(file, text === undefined ? [] : parseCampaignFile(file, text).documents);
    }
    return parsed.get(file)!;
  };
  return (diagnostics) => {
    const byDocument = diagnostics.map((d) => {
      const doc = d.file && d.document !== undefined && d.pointer !== undefined ? documents(d.file).find((x) => x.index === d.document) : undefined;
      return doc ? { ...d, range: undefined, document: doc.index } : d;
    });
    const located = locateDiagnostics(byDocument, (file, index) => documents(file).find((x) => x.index === index));
    // Where the field cannot be found again (the file changed meanwhile), keep the campaign's line.
    return located.map((d, i) => (d.range ? d : diagnostics[i]!));
  };
}

/** `--target`: the campaigns named only (their tasks, deferred sends and facts); all of them when none is named. */
function onlyTargets(project: CompiledProject, targets: string[]): CompiledProject {
  if (!targets.length) return project;
  const named = new Set(targets);
  return {
    ...project,
    tasks: project.tasks.filter((t) => named.has(t.campaign)),
    deferred: project.deferred.filter((d) => named.has(d.campaign)),
    campaigns: project.campaigns.filter((c) => named.has(c.id)),
  };
}

/** What a targeted plan says: that the rest was not planned, and which names match no campaign nor record. */
function targetNotes(targets: string[], campaigns: CampaignInfo[], snapshot: StateSnapshot): Diagnostic[] {
  if (!targets.length) return [];
  const known = new Set([...campaigns.map((c) => c.id), ...Object.values(snapshot.tasks).map((r) => r.campaign)]);
  const unknown = targets.filter((t) => !known.has(t));
  return [
    warning(
      "target",
      `only ${targets.map((t) => `\`${t}\``).join(", ")} ${targets.length === 1 ? "was" : "were"} planned (--target): the rest of the project was not`,
      {
        hint: "an escape hatch: run push plan without --target before long, so that no change waits unseen",
      },
    ),
    ...unknown.map((t) =>
      error("target", `--target ${t}: no campaign and no recorded task has that id`, { hint: "name a campaign id (push state list shows recorded ones)" }),
    ),
  ];
}

/** How a refresh retries a listing that failed for a while (throttling, a server error). */
export const LISTING_RETRY = {
  attempts: 6,
  baseMs: 200,
  maxMs: 5_000,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  random: Math.random,
};

/**
 * Compile, refresh, plan: the plan, or null and the diagnostics that prevent it. Prints nothing. `listed`: a
 * refresh of this state already made in this run (push import plans what it wrote against the listing it read).
 */
export async function computePlan(
  ws: Workspace,
  io: CliIO,
  command: "plan" | "apply" = "plan",
  targets: string[] = [],
  listed?: RefreshResult,
): Promise<PlanOutcome> {
  const compiled = onlyTargets(await ws.compile(), targets);
  const counts = { files: compiled.campaigns.map((c) => c.source.file), campaigns: compiled.campaigns.length };
  const levels = new Levels(ws.lint, suppressionTexts(compiled.sources, counts.files));
  const project = { ...compiled, diagnostics: levels.apply(compiled.diagnostics) };
  if (hasErrors(project.diagnostics)) return { plan: null, diagnostics: [...project.diagnostics, ...levels.leftovers()], counts };
  const backend = await ws.backend();
  const snapshot = await backend.read();
  const stateProblems = await stateDiagnostics(ws, snapshot, io.env, command);
  const observed = listed ?? (await refresh({ snapshot, providers: await ws.providers(), now: ws.now(), apps: ws.apps, retry: LISTING_RETRY }));
  if (hasErrors(observed.diagnostics)) return { plan: null, diagnostics: [...project.diagnostics, ...observed.diagnostics], counts };
  const plan = makePlan({
    tasks: project.tasks,
    deferred: project.deferred,
    campaigns: project.campaigns,
    apps: ws.apps,
    snapshot,
    refresh: observed,
    now: ws.now(),
    environment: ws.environment,
    stateDiagnostics: [...stateProblems, ...targetNotes(targets, compiled.campaigns, snapshot)],
    ...(targets.length ? { targets } : {}),
    frequencyCap: ws.frequencyCap,
    levels: (found) => levels.apply(found),
    locate: planLocator(io),
  });
  const leftovers = levels.leftovers();
  const diagnostics = [...project.diagnostics, ...plan.diagnostics, ...leftovers];
  return { plan: hasErrors(plan.diagnostics) || hasErrors(leftovers) ? null : plan, diagnostics, counts };
}

function summaryOf(diagnostics: Diagnostic[], counts: PlanOutcome["counts"]): Summary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const files = new Set([...counts.files, ...diagnostics.flatMap((d) => (d.file ? [d.file] : []))]).size;
  return { errors, warnings: diagnostics.length - errors, files, campaigns: counts.campaigns };
}

/** The diagnostics for a terminal, with code frames, on stderr (whatever the format of stdout). */
export function printPlanDiagnostics(outcome: Pick<PlanOutcome, "diagnostics" | "counts">, io: CliIO): void {
  if (outcome.diagnostics.length === 0) return;
  const sources = (file: string) => readOptional(file, io.cwd);
  io.stderr.write(
    renderDiagnosticsText(outcome.diagnostics, { sources, color: useColor(io, "stderr"), summary: summaryOf(outcome.diagnostics, outcome.counts) }),
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // missing, or below a file: an ancestor says which
  }
}

/** Why `out` cannot be written, in the user's words: a folder on its way is a file, or it is a folder itself. */
function whyNot(out: string, cwd: string, cause: NodeJS.ErrnoException): string {
  if (cause.code === "EISDIR") return `${out} is a folder, not a file`;
  if (cause.code === "EEXIST" || cause.code === "ENOTDIR") {
    for (let folder = dirname(out); folder !== dirname(folder); folder = dirname(folder)) {
      if (isFile(resolve(cwd, folder))) return `${folder} is a file, not a folder`;
    }
  }
  return cause.code ?? cause.message;
}

/** Writes the plan file, creating its folder when missing (CI writes plans into artifact folders a fresh checkout lacks). */
function savePlan(plan: Plan, out: string, io: CliIO): Diagnostic | null {
  const path = resolve(io.cwd, out);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderPlanJson(plan));
    return null;
  } catch (cause) {
    return error("plan-out", `cannot write the plan to ${out}: ${whyNot(out, io.cwd, cause as NodeJS.ErrnoException)}`, {
      hint: "give --out a file path you may write; its folder is created when missing",
    });
  }
}

/**
 * `push plan`: refresh and diff; text, JSON or Markdown; `--out` saves the plan for `push apply FILE`. With
 * errors there is no plan: `--format json` then prints the diagnostics document of `push validate --format json`,
 * so CI parses stdout either way, and `--format markdown` a comment that lists them.
 */
export async function runPlanCommand(
  ws: Workspace,
  options: { format: "text" | "json" | "markdown"; out?: string; detailedExitcode: boolean; targets?: string[] },
  io: CliIO,
): Promise<ExitCode> {
  const outcome = await computePlan(ws, io, "plan", options.targets ?? []);
  const saved = outcome.plan && options.out ? savePlan(outcome.plan, options.out, io) : null;
  const diagnostics = saved ? [...outcome.diagnostics, saved] : outcome.diagnostics;
  printPlanDiagnostics({ diagnostics, counts: outcome.counts }, io);
  const plan = saved ? null : outcome.plan;
  if (!plan) {
    const summary = summaryOf(diagnostics, outcome.counts);
    if (options.format === "json") io.stdout.write(renderDiagnosticsJson(diagnostics, summary));
    if (options.format === "markdown") io.stdout.write(renderDiagnosticsMarkdown(diagnostics, summary));
    return 1;
  }
  io.stdout.write(
    options.format === "json" ? renderPlanJson(plan) : options.format === "markdown" ? renderPlanMarkdown(plan) : renderPlanText(plan, { color: useColor(io) }),
  );
  // A change protect: true blocks is a change too: the edit a reviewer sees is not sent.
  return options.detailedExitcode && (plan.operations.length > 0 || plan.blocked.length > 0) ? 2 : 0;
}
