/**
 * Where a plan diagnostic points: the campaign's file, a pointer to the field at fault, and for a range the
 * line of the campaign's first key, which is all the plan knows. The edge moves the range to the field
 * (`PlanInput.locate`), so a diagnostic has a line even where the file cannot be read again.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { CompiledTask } from "../model/task.js";
import { loopContent } from "../providers/mpaas/loop.js";

export type Located = (task: Pick<CompiledTask, "source">, pointer: string) => Pick<Diagnostic, "file" | "document" | "pointer" | "range">;

export const at: Located = (task, pointer) => ({
  file: task.source.file,
  ...(task.source.document !== undefined ? { document: task.source.document } : {}),
  pointer,
  range: { line: task.source.line, column: 1, endLine: task.source.line, endColumn: 1 },
});

/** The schedule field that sets a task's first send: `from` for a loop, `at` for a one-off. */
export function schedulePointer(task: CompiledTask): string {
  return loopContent(task) !== null ? "/schedule/from" : "/schedule/at";
}

/** The schedule field that sets the time of day a task sends: `time` for a loop or an occurrence of one, else `at`. */
export function timeOfDayPointer(task: CompiledTask): string {
  return loopContent(task) !== null || task.occurrence !== undefined ? "/schedule/time" : "/schedule/at";
}
