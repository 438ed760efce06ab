import { join, resolve } from "node:path";
import type { StateConfig } from "../config/define.js";
import { StateError, type StateBackend } from "./backend.js";
import { LocalBackend } from "./local/backend.js";

export function createBackend(config: StateConfig | undefined, projectDir: string): StateBackend {
  if (!config || config.backend === "local") return new LocalBackend(config?.path ? resolve(projectDir, config.path) : join(projectDir, ".push", "state.json"));
  throw new StateError('state backend "postgres" is not built yet: use state: { backend: "local" }');
}
