/**
 * Opens the project for a command: config, clock, campaign files. Everything here is the edge; the stages get
 * plain values.
 */
import { placeState, stateWhere } from "../state/placement.js";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnosticsText } from "../render/diagnostics/text.js";
import { resolveClock } from "./clock.js";
import { RunReader } from "./reader.js";
import { findCampaignFiles, readOptional } from "./files.js";
import type { FileStamp } from "./output-cache.js";
import { useColor, type CliIO, type ExitCode } from "./io.js";
import type { CompiledTask } from "../model/task.js";
import type { ProviderRegistry } from "../providers/provider.js";
import type { StateBackend } from "../state/backend.js";
import type { Workspace } from "../pipeline/workspace.js";
import type { GlobalOptions } from "./main.js";
import { collectIds, runPipeline, type IdEntry, type PipelineResult, type ProjectConfig } from "../pipeline/pipeline.js";

export interface OpenedProject {
  config: ResolvedConfig;
  now: () => number;
  /** Whether the clock is pinned (`--now`, `PUSH_NOW`, config `now`): output is then reproducible and cacheable. */
  pinned: boolean;
}

/** Config and clock, with the config's diagnostics; no project when they hold an error. */
export async function loadProject(
  globals: GlobalOptions,
  io: CliIO,
): Promise<{ project: OpenedProject | null; root: string | null; diagnostics: Diagnostic[] }> {
  const { config, root, diagnostics } = await loadConfig({
    cwd: io.cwd,
    ...(globals.config ? { configPath: globals.config } : {}),
    ...(globals.env ? { env: globals.env } : {}),
  });
  const clock = resolveClock(globals.now, io.env, config?.now ?? null);
  const all = [...diagnostics, ...clock.diagnostics];
  if (!config || hasErrors(all)) return { project: null, root, diagnostics: all };
  return { project: { config, now: clock.now, pinned: clock.pinned }, root, diagnostics: all };
}

/** Config and clock, or null; the config's diagnostics are printed to stderr either way. */
export async function openProject(globals: GlobalOptions, io: CliIO): Promise<OpenedProject | null> {
  const { project, diagnostics } = await loadProject(globals, io);
  if (diagnostics.length) printDiagnostics(diagnostics, io, new Map());
  return project;
}

export function printDiagnostics(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>): void {
  io.stderr.write(diagnosticsText(diagnostics, io, sources));
}

/** Diagnostics for stderr; `counted` is what the run read (else: the files the diagnostics name, no campaigns). */
export function diagnosticsText(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>, counted?: { files: number; campaigns: number }): string {
  if (diagnostics.length === 0) return "";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return renderDiagnosticsText(diagnostics, {
    sources: (file) => sources.get(file) ?? readOptional(file, io.cwd),
    color: useColor(io, "stderr"),
    summary: {
      errors,
      warnings: diagnostics.length - errors,
      ...(counted ?? { files: new Set(diagnostics.map((d) => d.file).filter(Boolean)).size, campaigns: 0 }),
    },
  });
}

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

function identity(env: Record<string, string | undefined>, cwd: string): { actor: string; commit: string | null } {
  let user = env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep $USER
  }
  const actor = env.GITHUB_ACTOR ?? `${user}@${hostname()}`;
  if (env.GITHUB_SHA) return { actor, commit: env.GITHUB_SHA };
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"], encoding: "utf8" }).trim();
    return { actor, commit: commit || null };
  } catch {
    return { actor, commit: null };
  }
}

/** The project as plan and apply need it; the embedded emulator starts on first use when `endpoint: "local"`. */
export function openWorkspace(project: OpenedProject, io: CliIO): Workspace {
  const { config } = project;
  const placement = placeState(config.state, config.env);
  let providers: Promise<ProviderRegistry> | null = null;
  let backend: StateBackend | null = null;
  let stopEmulator: (() => Promise<void>) | null = null;
  let who: { actor: string; commit: string | null } | null = null;

  const startProviders = async (): Promise<ProviderRegistry> => {
    const { createProviders } = await import("../providers/registry.js");
    if (config.endpoint !== "local") {
      // A key pair in the (injected) environment; else the default chain: profiles, RAM roles, OIDC.
      const accessKeyId = io.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
      const accessKeySecret = io.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
      const credentials = accessKeyId && accessKeySecret ? { credentials: { accessKeyId, accessKeySecret } } : {};
      return createProviders({ ...(config.endpoint ? { endpoint: config.endpoint } : {}), region: config.region, ...credentials });
    }
    const { defaultCredentials, startEmulator } = await import("../emulator/index.js");
    const dir = join(config.root, ".push");
    mkdirSync(dir, { recursive: true });
    const emulator = await startEmulator({ dataFile: join(dir, "emulator.json"), clock: project.now, credentials: defaultCredentials(io.env) });
    stopEmulator = () => emulator.close();
    return createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
  };

  return {
    root: config.root,
    apps: config.apps,
    environment: { name: config.env, endpoint: config.endpoint, region: config.region },
    now: project.now,
    async compile() {
      const { taken, ...result } = await compileCampaigns(project, [], io, { take: (tasks) => tasks });
      return { ...result, tasks: taken.flat() };
    },
    providers: () => (providers ??= startProviders()),
    async backend() {
      if (!backend) {
        const { createBackend } = await import("../state/factory.js");
        backend = createBackend(placement.config, config.root, (message) => io.stderr.write(`warning: ${message}\n`));
      }
      return backend;
    },
    state: {
      where: stateWhere(placement.config),
      ephemeral: placement.ephemeral,
      async shared() {
        if (!placement.shared) return null;
        // Reading a local state that is not there would create it: a missing file holds no records.
        if (placement.shared.backend === "local" && !existsSync(join(config.root, stateWhere(placement.shared)))) return null;
        const { createBackend } = await import("../state/factory.js");
        const other = createBackend(placement.shared, config.root);
        try {
          const snapshot = await other.read();
          const tasks = Object.keys(snapshot.tasks).length;
          return snapshot.serial > 0 && tasks > 0 ? { where: stateWhere(placement.shared), tasks } : null;
        } finally {
          await other.close();
        }
      },
    },
    get identity() {
      return (who ??= identity(io.env, config.root));
    },
    rateLimit: config.rateLimit,
    lint: config.lint,
    frequencyCap: config.frequencyCap,
    async close() {
      await backend?.close();
      if (stopEmulator) await stopEmulator();
    },
  };
}

/** Opens the workspace, runs `fn`, always closes (the embedded emulator, state connections). */
export async function withWorkspace(globals: GlobalOptions, io: CliIO, fn: (ws: Workspace) => Promise<ExitCode>): Promise<ExitCode> {
  const project = await openProject(globals, io);
  if (!project) return 1;
  const ws = openWorkspace(project, io);
  try {
    return await fn(ws);
  } catch (cause) {
    const { StateError } = await import("../state/backend.js");
    // The embedded emulator's data file is loaded only when a command needs it.
    const { StoreFileError } = await import("../emulator/index.js");
    if (cause instanceof StateError || cause instanceof StoreFileError) {
      io.stderr.write(`error: ${cause.message}\n`);
      return 1;
    }
    throw cause;
  } finally {
    await ws.close();
  }
}
