/**
 * Opens the project for a command: config, clock, campaign files, providers (the embedded emulator when
 * `endpoint: "local"`), state backend, identity. Everything here is the edge; the stages get plain values.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProviderRegistry } from "../providers/provider.js";
import { renderDiagnosticsText } from "../render/diagnostics/text.js";
import type { StateBackend } from "../state/backend.js";
import { resolveClock } from "./clock.js";
import { findCampaignFiles, readCampaignFiles, readOptional } from "./files.js";
import { useColor, type CliIO, type ExitCode } from "./io.js";
import type { GlobalOptions } from "./main.js";
import { runPipeline, type PipelineResult } from "./pipeline.js";
import type { Workspace } from "./workspace.js";

export interface OpenedProject {
  config: ResolvedConfig;
  now: () => number;
}

/** Config and clock, or the diagnostics that prevent them (already printed to stderr). */
export async function openProject(globals: GlobalOptions, io: CliIO): Promise<OpenedProject | null> {
  const { config, diagnostics } = await loadConfig({
    cwd: io.cwd,
    ...(globals.config ? { configPath: globals.config } : {}),
    ...(globals.env ? { env: globals.env } : {}),
  });
  const clock = resolveClock(globals.now, io.env, config?.now ?? null);
  const all = [...diagnostics, ...clock.diagnostics];
  if (!config || hasErrors(all)) {
    printDiagnostics(all, io, new Map());
    return null;
  }
  return { config, now: clock.now };
}

export function printDiagnostics(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>): void {
  if (diagnostics.length === 0) return;
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  io.stderr.write(
    renderDiagnosticsText(diagnostics, {
      sources: (file) => sources.get(file) ?? readOptional(file, io.cwd),
      color: useColor(io, "stderr"),
      summary: { errors, warnings: diagnostics.length - errors, files: new Set(diagnostics.map((d) => d.file).filter(Boolean)).size, campaigns: 0 },
    }),
  );
}

/** Runs the pipeline over the project's campaigns (or `paths`). */
export function compileCampaigns(project: OpenedProject, paths: string[], io: CliIO): PipelineResult {
  const found = findCampaignFiles(project.config.root, paths, io.cwd);
  const result = runPipeline(readCampaignFiles(found.files, io.cwd), project.config, project.now(), (display) => readOptional(display, io.cwd));
  return { ...result, diagnostics: [...found.diagnostics, ...result.diagnostics] };
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

export async function openWorkspace(project: OpenedProject, io: CliIO): Promise<Workspace> {
  const { config } = project;
  let providers: Promise<ProviderRegistry> | null = null;
  let backend: Promise<StateBackend> | null = null;
  let stopEmulator: (() => Promise<void>) | null = null;
  let sources = new Map<string, string>();
  let who: { actor: string; commit: string | null } | null = null;

  const startProviders = async (): Promise<ProviderRegistry> => {
    const { createProviders } = await import("../providers/registry.js");
    if (config.endpoint === "local") {
      const { startEmulator } = await import("../emulator/index.js");
      const dir = join(config.root, ".push");
      mkdirSync(dir, { recursive: true });
      const emulator = await startEmulator({
        dataFile: join(dir, "emulator.json"),
        clock: project.now,
        ...credentialsFromEnv(io.env),
      });
      stopEmulator = () => emulator.close();
      return createProviders({ endpoint: emulator.url, credentials: emulator.credentials });
    }
    return createProviders({ ...(config.endpoint ? { endpoint: config.endpoint } : {}), region: config.region });
  };

  return {
    root: config.root,
    apps: config.apps,
    now: project.now,
    async compile() {
      const result = compileCampaigns(project, [], io);
      sources = result.sources;
      return result;
    },
    providers: () => (providers ??= startProviders()),
    async backend() {
      backend ??= import("../state/factory.js").then(({ createBackend }) => createBackend(config.state, config.root));
      return backend;
    },
    get identity() {
      return (who ??= identity(io.env, config.root));
    },
    rateLimit: config.rateLimit,
    renderDiagnostics(diagnostics, color) {
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      return renderDiagnosticsText(diagnostics, {
        sources: (file) => sources.get(file) ?? readOptional(file, io.cwd),
        color,
        summary: { errors, warnings: diagnostics.length - errors, files: new Set(diagnostics.map((d) => d.file).filter(Boolean)).size, campaigns: 0 },
      });
    },
    async close() {
      if (backend) await (await backend).close();
      if (stopEmulator) await stopEmulator();
    },
  };
}

function credentialsFromEnv(env: Record<string, string | undefined>) {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  return accessKeyId && accessKeySecret ? { credentials: { accessKeyId, accessKeySecret } } : {};
}

/** Opens the workspace, runs `fn`, always closes (state connections, the embedded emulator). */
export async function withWorkspace(globals: GlobalOptions, io: CliIO, fn: (ws: Workspace) => Promise<ExitCode>): Promise<ExitCode> {
  const project = await openProject(globals, io);
  if (!project) return 1;
  const ws = await openWorkspace(project, io);
  try {
    return await fn(ws);
  } catch (cause) {
    const { StateError } = await import("../state/backend.js");
    if (cause instanceof StateError) {
      io.stderr.write(`error: ${cause.message}\n`);
      return 1;
    }
    throw cause;
  } finally {
    await ws.close();
  }
}
