import { join, resolve } from "node:path";
import type { StateConfig } from "../config/define.js";
import { StateError, type StateBackend } from "./backend.js";
import { LocalBackend } from "./local/backend.js";
import { PostgresBackend } from "./postgres/backend.js";

export function createBackend(config: StateConfig | undefined, projectDir: string): StateBackend {
  if (!config || config.backend === "local") return new LocalBackend(config?.path ? resolve(projectDir, config.path) : join(projectDir, ".push", "state.json"));
  if (!config.url) throw new StateError("state.url is not set: give the postgres connection URL (e.g. url: process.env.PUSH_STATE_URL)");
  return new PostgresBackend({ url: config.url, ...(config.schema ? { schema: config.schema } : {}) });
}
