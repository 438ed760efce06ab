import { renderDiagnosticsGithub } from "../../render/diagnostics/github.js";
import { renderDiagnosticsJson } from "../../render/diagnostics/json.js";
import { renderDiagnosticsText } from "../../render/diagnostics/text.js";
import { Levels } from "../../diagnostics/levels.js";
import { readOptional, suppressionTexts } from "../files.js";
import { useColor, type CliIO, type ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import { checkWithoutConfig, compileCampaigns } from "../campaign-run.js";
import { loadProject } from "../project.js";

export interface ValidateOptions extends GlobalOptions {
  paths: string[];
  format: "text" | "json" | "github";
}

/** `push validate`: every diagnostic of load, schema, provider rules and compile, at once. Offline. */
export async function runValidateCommand(options: ValidateOptions, io: CliIO): Promise<ExitCode> {
  // The config's own mistakes are reported in the chosen format too (CI parses --format json).
  const { project, root, diagnostics: configDiagnostics } = await loadProject(options, io);
  const result = project
    ? await compileCampaigns(project, options.paths, io, { take: () => null, warnPastSends: true })
    : root
      ? checkWithoutConfig(root, options.paths, io)
      : { diagnostics: [], sources: new Map<string, string>(), summary: { files: 0, campaigns: 0 } };
  const files = "campaigns" in result ? result.campaigns.map((c) => c.source.file) : [];
  const levels = new Levels(project?.config.lint ?? {}, suppressionTexts(result.sources, files));
  const diagnostics = [...configDiagnostics, ...levels.apply(result.diagnostics), ...levels.leftovers()];
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const summary = { errors, warnings: diagnostics.length - errors, files: result.summary.files, campaigns: result.summary.campaigns };
  switch (options.format) {
    case "json":
      io.stdout.write(renderDiagnosticsJson(diagnostics, summary));
      break;
    case "github":
      io.stdout.write(renderDiagnosticsGithub(diagnostics));
      break;
    case "text":
      io.stdout.write(
        renderDiagnosticsText(diagnostics, {
          sources: (file) => result.sources.get(file) ?? readOptional(file, io.cwd),
          color: useColor(io),
          summary,
        }),
      );
      break;
  }
  return errors > 0 ? 1 : 0;
}
