import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderCompileJson } from "../../compile/output.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import type { CliIO, ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import { compileCampaigns, openProject, printDiagnostics } from "../project.js";

export interface CompileOptions extends GlobalOptions {
  paths: string[];
  out?: string;
}

/** `push compile`: the provider tasks as JSON on stdout, or one file per task with `--out DIR`. */
export async function runCompileCommand(options: CompileOptions, io: CliIO): Promise<ExitCode> {
  const project = await openProject(options, io);
  if (!project) return 1;
  const result = compileCampaigns(project, options.paths, io);
  printDiagnostics(result.diagnostics, io, result.sources);
  if (hasErrors(result.diagnostics)) return 1;
  if (!options.out) {
    io.stdout.write(renderCompileJson(result.tasks, result.deferred));
    return 0;
  }
  const dir = resolve(io.cwd, options.out);
  mkdirSync(dir, { recursive: true });
  for (const task of result.tasks) {
    const single = JSON.parse(renderCompileJson([task], [])) as { tasks: unknown[] };
    writeFileSync(join(dir, `${taskFileName(task.key)}.json`), `${JSON.stringify(single.tasks[0], null, 2)}\n`);
  }
  io.stderr.write(`wrote ${result.tasks.length} task file(s) to ${options.out}\n`);
  return 0;
}

/** A task key as a portable file name (`order/ios@2026-06-19T12:00:00Z#2` -> `order_ios@2026-06-19T12-00-00Z#2`). */
function taskFileName(key: string): string {
  return key.replace(/[/\\:*?"<>|]/g, (c) => (c === ":" ? "-" : "_"));
}
