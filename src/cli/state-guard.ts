/**
 * An empty state is trusted only where it cannot be a lost one (issue 12): on a CI runner (`CI` set) a local state
 * the workflow does not keep is lost with the runner, so the next run would send everything again; and an
 * environment whose own state is empty while the shared place still holds its records from before would start
 * afresh. Both are said before anything is sent.
 */
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { StateSnapshot } from "../model/state.js";
import type { Workspace } from "../pipeline/workspace.js";

/** Whether the run is in CI: `CI` set to anything but empty, `0` or `false` (GitHub, GitLab and others set `true`). */
function inCi(env: Record<string, string | undefined>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

/** The state's own problems: errors stop a plan (and an apply); `apply` makes the CI warning an error. */
export async function stateDiagnostics(
  ws: Workspace,
  snapshot: StateSnapshot,
  env: Record<string, string | undefined>,
  command: "plan" | "apply",
): Promise<Diagnostic[]> {
  if (snapshot.serial > 0) return [];
  const out: Diagnostic[] = [];
  const shared = await ws.state.shared();
  if (shared) {
    out.push(
      error(
        "state-environment",
        `--env ${ws.environment.name} keeps its own state, ${ws.state.where}, which is empty, while ${shared.where} holds ${shared.tasks} task record(s) written before each environment had its own state: planning from the empty one would create every task again`,
        {
          hint: `if those records are this environment's, keep them: name that place in environments.${ws.environment.name} (state.path, or state.schema), or move them to ${ws.state.where} (rename the file, or ALTER SCHEMA ... RENAME); if they are another environment's, give that one its place the same way`,
        },
      ),
    );
  }
  if (inCi(env) && ws.state.ephemeral) {
    const message = `the state ${ws.state.where} is empty and local on a CI runner (CI is set): it would be lost with the runner, and the next run would create every task again`;
    const hint =
      'keep the state where runs share it: state: { backend: "postgres", url: process.env.PUSH_STATE_URL }; or, if the workflow keeps the file between runs (a cache or a committed file), say so with state: { backend: "local", path, persisted: true }';
    out.push(
      command === "apply"
        ? error("state-ephemeral", `apply refused: ${message}`, { hint })
        : warning("state-ephemeral", `${message}; push apply will refuse it`, { hint }),
    );
  }
  return out;
}
