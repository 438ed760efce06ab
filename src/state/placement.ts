/**
 * Where an environment's state lives. Each `--env` has its own by default (DESIGN: "Each `--env` has its own
 * state"): the local backend `.push/state.<env>.json`, PostgreSQL the schema `push_<env>`. A location the config
 * names (`state.path`, `state.schema`, per environment through its overlay) is used as it is. Pure.
 */
import { join } from "node:path";
import type { StateConfig } from "./backend.js";

export interface StatePlacement {
  /** The backend's config with its location filled in. */
  config: StateConfig;
  /**
   * Where this environment's records were kept before environments had their own state (the shared default), when
   * that is another place: an empty state here while that one holds records is refused, never a fresh start.
   */
  shared: StateConfig | null;
  /** A local state the workflow does not say it keeps: on a CI runner it is gone with the runner. */
  ephemeral: boolean;
}

/** The file name part of an environment: its name where that is a plain name, else its URI encoding. */
const fileName = (env: string) => (/^[A-Za-z0-9_.-]+$/.test(env) && !env.startsWith(".") ? env : encodeURIComponent(env));
/** The schema of an environment: `push_` and its name, lower-case, other characters as `_`. */
const schemaName = (env: string) => `push_${env.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;

export function placeState(config: StateConfig, env: string | null): StatePlacement {
  if (config.backend === "local") {
    const ephemeral = config.persisted !== true;
    if (config.path || !env) return { config, shared: null, ephemeral };
    return { config: { ...config, path: join(".push", `state.${fileName(env)}.json`) }, shared: { backend: "local" }, ephemeral };
  }
  if (config.schema || !env) return { config, shared: null, ephemeral: false };
  return { config: { ...config, schema: schemaName(env) }, shared: { ...config, schema: "push" }, ephemeral: false };
}

/** How a message names a state's place: its file, or its PostgreSQL schema. */
export function stateWhere(config: StateConfig): string {
  return config.backend === "local" ? (config.path ?? join(".push", "state.json")) : `PostgreSQL schema ${config.schema ?? "push"}`;
}
