import { join, resolve } from "node:path";
import { StateError, type StateBackend, type StateConfig } from "./backend.js";
import { LocalBackend } from "./local/backend.js";
import { PostgresBackend } from "./postgres/backend.js";

/** `notice`: where a backend says what it repaired or ignored (the CLI: stderr). */
export function createBackend(config: StateConfig | undefined, projectDir: string, notice?: (message: string) => void): StateBackend {
  if (!config || config.backend === "local")
    return new LocalBackend(config?.path ? resolve(projectDir, config.path) : join(projectDir, ".push", "state.json"), notice ? { notice } : {});
  if (!config.url) throw new StateError("state.url is not set: give the postgres connection URL (e.g. url: process.env.PUSH_STATE_URL)");
  return new PostgresBackend({ url: config.url, ...(config.schema ? { schema: config.schema } : {}) });
}
