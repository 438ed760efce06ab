/**
 * Opens the project for a command: config and clock, and the workspace plan and apply need. Everything here is the
 * edge; the stages get plain values. Light on purpose: a cached `push compile` needs nothing more, and the
 * pipeline (campaign-run.ts) is loaded only by a run that reads campaigns.
 */
import { placeState, stateWhere } from "../state/placement.js";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { resolveClock } from "./clock.js";
import type { CliIO, ExitCode } from "./io.js";
import type { ProviderRegistry } from "../providers/provider.js";
import type { StateBackend } from "../state/backend.js";
import type { Workspace } from "../pipeline/workspace.js";
import type { GlobalOptions } from "./main.js";

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
  if (diagnostics.length) (await import("./report.js")).printDiagnostics(diagnostics, io, new Map());
  return project;
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
      const { compileCampaigns } = await import("./campaign-run.js");
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
