/** What to tell a user whose state file cannot be used: the file, what is wrong, and the ways back. */
import { StateError } from "../backend.js";
import { envelopeProblem } from "../envelope.js";
import type { StateFs } from "./fs.js";

/** The backup kept at the last rewrite, if it is a usable state: its serial and task count. */
function backupSummary(fs: StateFs, backup: string): string | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(backup).toString("utf8"));
    if (envelopeProblem(value)) return null;
    const snapshot = value as { serial: number; tasks: object };
    return `serial ${snapshot.serial}, ${Object.keys(snapshot.tasks).length} task(s)`;
  } catch {
    return null;
  }
}

export function unreadableState(fs: StateFs, path: string, what: string): StateError {
  const backup = `${path}.backup`;
  const summary = backupSummary(fs, backup);
  const steps = [
    summary
      ? `the state before the last rewrite is in ${backup} (${summary}), and what the last rewrite added to it in ${path}.journal.backup: put both back, the current journal after them (cp ${backup} ${path} && cat ${path}.journal.backup ${path}.journal > ${path}.journal.new && mv ${path}.journal.new ${path}.journal)`
      : `no usable backup (${backup}) was found`,
    `or move the file aside (mv ${path} ${path}.bad): the next command starts a new state, and push plan lists the tasks the provider holds as unmanaged`,
    "then check with push state list and push plan before any apply",
  ];
  return new StateError(`the state file ${path} cannot be used: ${what}.\n${steps.map((s) => `  - ${s}`).join("\n")}`);
}
