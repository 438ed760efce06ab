/**
 * What a command needs from the project, resolved at the edge by the CLI (config, files, clock, network).
 * Commands take a `Workspace` so tests can build one from fixtures, a memory backend and a live emulator.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedApp } from "../model/app.js";
import type { RunEnvironment } from "../model/plan.js";
import type { CampaignInfo } from "../model/campaign.js";
import type { CompiledTask, DeferredOccurrences } from "../model/task.js";
import type { ProviderRegistry } from "../providers/provider.js";
import type { StateBackend } from "../state/backend.js";
import type { Level } from "../diagnostics/levels.js";

export interface CompiledProject {
  tasks: CompiledTask[];
  deferred: DeferredOccurrences[];
  campaigns: CampaignInfo[];
  /** Located (file:line:col) diagnostics of load, validate and compile. */
  diagnostics: Diagnostic[];
  /** Texts of the run's files that diagnostics point into or that hold suppressions, by path as given. */
  sources: Map<string, string>;
}

interface StateSite {
  /** The state's place, for messages: its file, or its PostgreSQL schema. */
  where: string;
  /** A local state the workflow does not say it keeps (`state.persisted`): on a CI runner it is lost with the runner. */
  ephemeral: boolean;
  /**
   * The records this environment kept before each environment had a state of its own, when they are elsewhere and
   * there are some: null otherwise.
   */
  shared(): Promise<{ where: string; tasks: number } | null>;
}

export interface Workspace {
  /** Project root (the directory of the config file). */
  readonly root: string;
  readonly apps: Record<string, ResolvedApp>;
  /** The `--env` overlay and endpoint of the run, which a plan records. */
  readonly environment: RunEnvironment;
  /** The clock: `--now`/`PUSH_NOW` pinned, else the config's `now` (emulator only), else real time. Epoch ms. */
  now(): number;
  /** Load, validate and compile every campaign of the project. */
  compile(): Promise<CompiledProject>;
  /** The provider clients (starting the embedded emulator on first use when `endpoint: "local"`). */
  providers(): Promise<ProviderRegistry>;
  backend(): Promise<StateBackend>;
  /** Rule levels the config sets (`lint`), by rule code. */
  readonly lint: Record<string, Level>;
  /** `frequencyCap`: at most `max` pushes of one app per recipient within `perSeconds`; null: none. */
  readonly frequencyCap: { max: number; perSeconds: number } | null;
  /** Where the state lives, and what to check before trusting an empty one. */
  readonly state: StateSite;
  /** Who runs this and from which commit, for the state history. */
  readonly identity: { actor: string; commit: string | null };
  /** Requests per second per app during apply. */
  readonly rateLimit: number;
  close(): Promise<void>;
}
