import { renderDiagnosticsGithub } from "../../render/diagnostics/github.js";
import { renderDiagnosticsJson } from "../../render/diagnostics/json.js";
import { renderDiagnosticsText } from "../../render/diagnostics/text.js";
import { readOptional } from "../files.js";
import { useColor, type CliIO, type ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import { compileRendered, openProject } from "../project.js";

export interface ValidateOptions extends GlobalOptions {
  paths: string[];
  format: "text" | "json" | "github";
}

/** `push validate`: every diagnostic of load, schema, provider rules and compile, at once. Offline. */
export async function runValidateCommand(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
  const project = await openProject(options, io);
  if (!project) return 1;
  const result = await compileRendered(project, options.paths, io, { render: false });
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const summary = { errors, warnings: result.diagnostics.length - errors, files: result.summary.files, campaigns: result.summary.campaigns };
  switch (options.format) {
    case "json":
      io.stdout.write(renderDiagnosticsJson(result.diagnostics, summary));
      break;
    case "github":
      io.stdout.write(renderDiagnosticsGithub(result.diagnostics));
      break;
    case "text":
      io.stdout.write(
        renderDiagnosticsText(result.diagnostics, {
          sources: (file) => result.sources.get(file) ?? readOptional(file, io.cwd),
          color: useColor(io),
          summary,
        }),
      );
      break;
  }
  return errors > 0 ? 1 : 0;
}
