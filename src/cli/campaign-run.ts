/**
 * The pipeline over a project's campaign files, read chunk by chunk: what validate, compile, preview and the
 * workspace's compile run. Loaded only by a run that reads campaigns (a cached compile does not).
 */
import { hasErrors } from "../diagnostics/diagnostic.js";
import type { CompiledTask } from "../model/task.js";
import { collectIds, runPipeline, type IdEntry, type PipelineResult, type ProjectConfig } from "../pipeline/pipeline.js";
import { findCampaignFiles, readOptional } from "./files.js";
import type { CliIO } from "./io.js";
import type { FileStamp } from "./output-cache.js";
import type { OpenedProject } from "./project.js";
import { RunReader } from "./reader.js";
import { diagnosticsText } from "./report.js";

/**
 * Files per chunk of the pipeline: what a chunk holds (documents, campaigns, tasks) is alive at every young-generation
 * collection during it, and each one copies it. On the real mix of bench/compile.mjs, 64 files a chunk spend 104-123
 * ms in scavenges where 256 spent 151-173 (node --trace-gc); fewer gain little more.
 */
const CHUNK_FILES = 64;

type Found = ReturnType<typeof findCampaignFiles>;

/** The files to check (the project's campaigns, or `paths`), and the ids of the project's other campaign files. */
function filesOf(root: string, paths: string[], io: CliIO, found?: Found): { found: Found; otherIds: IdEntry[] } {
  const files = found ?? findCampaignFiles(root, paths, io.cwd);
  // Checking some files: their ids must still be unique across the project's other campaign files.
  const given = new Set(files.files);
  const others = paths.length ? findCampaignFiles(root, [], io.cwd).files.filter((f) => !given.has(f)) : [];
  const otherIds = others.length ? collectIds(new RunReader(io.cwd, null).campaignFiles(others)) : [];
  return { found: files, otherIds };
}

export interface CompileRun<T> {
  found?: Found;
  /** Wall-clock ms when the run began: set, every file read is stamped for the output cache. */
  stampAt?: number;
  /** What to keep of each chunk's tasks: the tasks (plan), their rendering (compile), nothing (validate). */
  take: (tasks: CompiledTask[]) => T;
  /** `push validate`: a send in the past is a warning (PipelineOptions). */
  warnPastSends?: boolean;
}

/** The pipeline over the campaigns under `root` (or `paths`), read chunk by chunk; a null config: checks that need none. */
function runOver<T>(
  root: string,
  config: ProjectConfig | null,
  now: number,
  paths: string[],
  io: CliIO,
  run: CompileRun<T>,
): PipelineResult<T> & { stamps: Array<FileStamp | null> } {
  const { found, otherIds } = filesOf(root, paths, io, run.found);
  const reader = new RunReader(io.cwd, run.stampAt ?? null, root);
  const result = runPipeline(reader.chunks(found.files, CHUNK_FILES), {
    config,
    now,
    readAudience: reader.audience,
    readSource: (display) => readOptional(display, io.cwd),
    take: run.take,
    otherIds,
    warnPastSends: run.warnPastSends === true,
  });
  return { ...result, diagnostics: [...found.diagnostics, ...result.diagnostics], stamps: reader.takeStamps() };
}

/**
 * Runs the pipeline over the project's campaigns (or `paths`), reading them chunk by chunk and keeping `take` of
 * each chunk's tasks, so that memory holds one chunk's documents and tasks at a time.
 */
export async function compileCampaigns<T>(
  project: OpenedProject,
  paths: string[],
  io: CliIO,
  run: CompileRun<T>,
): Promise<PipelineResult<T> & { stamps: Array<FileStamp | null> }> {
  return runOver(project.config.root, project.config, project.now(), paths, io, run);
}

/**
 * The campaign checks that need no config (YAML, schema, structure, ids), for `push validate` when the config has
 * mistakes of its own: one run reports both.
 */
export function checkWithoutConfig(root: string, paths: string[], io: CliIO): PipelineResult<null> {
  return runOver(root, null, 0, paths, io, { take: () => null });
}

/** The project's compile with its tasks, or null after printing the diagnostics that stop it (warnings are printed either way). */
export async function compileOrReport(project: OpenedProject, paths: string[], io: CliIO): Promise<PipelineResult<CompiledTask[]> | null> {
  const result = await compileCampaigns(project, paths, io, { take: (tasks) => tasks });
  io.stderr.write(diagnosticsText(result.diagnostics, io, result.sources, result.summary));
  return hasErrors(result.diagnostics) ? null : result;
}
