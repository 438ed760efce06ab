import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { error, hasErrors } from "../../diagnostics/diagnostic.js";
import { findCampaignFiles } from "../files.js";
import type { CliIO, ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import { cacheKey, readCache, toolBuildId, writeCache, type CachedRun, type FileStamp } from "../output-cache.js";
import { notAFolder, writeOwnedFiles } from "../out-dir.js";
import { openProject, type OpenedProject } from "../project.js";

/** What a run that compiles needs beyond what a cached run does: loaded only then (a cached run prints and exits). */
async function compiler() {
  const [run, report, json] = await Promise.all([import("../campaign-run.js"), import("../report.js"), import("../../render/compile/json.js")]);
  return {
    compileCampaigns: run.compileCampaigns,
    compileOrReport: run.compileOrReport,
    diagnosticsText: report.diagnosticsText,
    printDiagnostics: report.printDiagnostics,
    renderTaskEntries: json.renderTaskEntries,
    assembleCompileJson: json.assembleCompileJson,
    shownTask: json.shownTask,
  };
}

export interface CompileOptions extends GlobalOptions {
  paths: string[];
  out?: string;
}

async function compileOutput(
  project: OpenedProject,
  options: CompileOptions,
  io: CliIO,
  found: ReturnType<typeof findCampaignFiles>,
  stampAt?: number,
): Promise<CachedRun & { stamps: Array<FileStamp | null> }> {
  const { compileCampaigns, renderTaskEntries, assembleCompileJson, diagnosticsText } = await compiler();
  const result = await compileCampaigns(project, options.paths, io, {
    found,
    take: (tasks) => Buffer.from(renderTaskEntries(tasks)),
    ...(stampAt !== undefined ? { stampAt } : {}),
  });
  const failed = hasErrors(result.diagnostics);
  return {
    exitCode: failed ? 1 : 0,
    stdout: failed ? "" : assembleCompileJson(result.taken, result.deferred),
    stderr: diagnosticsText(result.diagnostics, io, result.sources, result.summary),
    stamps: result.stamps,
  };
}

/** `push compile`: the provider tasks as JSON on stdout, or one file per task with `--out DIR`. */
export async function runCompileCommand(options: CompileOptions, io: CliIO): Promise<ExitCode> {
  const project = await openProject(options, io);
  if (!project) return 1;
  if (options.out) return writeTaskFiles(project, options, options.out, io);

  // With a pinned clock the output is a function of the inputs: reuse it when none changed.
  const found = findCampaignFiles(project.config.root, options.paths, io.cwd);
  if (!project.pinned || found.diagnostics.length > 0) return print(await compileOutput(project, options, io, found), io);
  const cacheFile = join(project.config.root, ".push", "cache", "compile.json");
  const key = cacheKey([
    toolBuildId(),
    "compile",
    options.paths.map((p) => resolve(io.cwd, p)),
    io.cwd,
    project.config.filepath,
    readFileSync(project.config.filepath, "utf8"),
    { apps: project.config.apps, timezone: project.config.defaultTimezone },
    project.now(),
    io.env.NO_COLOR ?? null,
    io.env.FORCE_COLOR ?? null,
    Boolean(io.stderr.isTTY),
  ]);
  const cached = readCache(cacheFile, key, found.files);
  if (cached) return print(cached, io);
  const { stamps, ...run } = await compileOutput(project, options, io, found, Date.now());
  return print(writeCache(cacheFile, key, stamps, run, Date.now()), io);
}

function print(run: CachedRun, io: CliIO): ExitCode {
  io.stderr.write(run.stderr);
  io.stdout.write(run.stdout);
  return run.exitCode as ExitCode;
}

async function writeTaskFiles(project: OpenedProject, options: CompileOptions, out: string, io: CliIO): Promise<ExitCode> {
  const { compileOrReport, printDiagnostics, shownTask } = await compiler();
  const dir = resolve(io.cwd, out);
  const file = notAFolder(dir, out, "compile-out", "the task files");
  if (file) {
    printDiagnostics([file], io, new Map());
    return 1;
  }
  const compiled = await compileOrReport(project, options.paths, io);
  if (!compiled) return 1;
  const tasks = compiled.taken.flat();
  const files = new Map(tasks.map((task) => [`${taskFileName(task.key)}.json`, `${JSON.stringify(shownTask(task), null, 2)}\n`]));
  try {
    writeOwnedFiles(dir, ".push-compile.json", files);
  } catch (cause) {
    printDiagnostics(
      [error("compile-out", `cannot write the task files to ${out}: ${(cause as Error).message}`, { hint: "give a folder push can create and write" })],
      io,
      new Map(),
    );
    return 1;
  }
  io.stderr.write(`wrote ${tasks.length} task file(s) to ${out}\n`);
  return 0;
}

/** A task key as a portable file name (`order/ios@2026-06-19T12:00:00Z#2` -> `order_ios@2026-06-19T12-00-00Z#2`). */
function taskFileName(key: string): string {
  return key.replace(/[/\\:*?"<>|]/g, (c) => (c === ":" ? "-" : "_"));
}
