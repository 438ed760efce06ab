/**
 * Opens the project for a command: config, clock, campaign files. Everything here is the edge; the stages get
 * plain values.
 */
import { resolve } from "node:path";
import { loadConfig } from "../config/load.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { renderDiagnosticsText } from "../render/diagnostics/text.js";
import { resolveClock } from "./clock.js";
import { findCampaignFiles, readCampaignFiles, readOptional } from "./files.js";
import { useColor, type CliIO } from "./io.js";
import type { GlobalOptions } from "./main.js";
import { runPipeline, type PipelineResult } from "./pipeline.js";

export interface OpenedProject {
  config: ResolvedConfig;
  now: () => number;
  /** Whether the clock is pinned (`--now`, `PUSH_NOW`, config `now`): output is then reproducible and cacheable. */
  pinned: boolean;
}

/** Config and clock, or the diagnostics that prevent them (already printed to stderr). */
export async function openProject(globals: GlobalOptions, io: CliIO): Promise<OpenedProject | null> {
  const { config, diagnostics } = await loadConfig({
    cwd: io.cwd,
    ...(globals.config ? { configPath: globals.config } : {}),
    ...(globals.env ? { env: globals.env } : {}),
  });
  const clock = resolveClock(globals.now, io.env, config?.now ?? null);
  const all = [...diagnostics, ...clock.diagnostics];
  if (!config || hasErrors(all)) {
    printDiagnostics(all, io, new Map());
    return null;
  }
  return { config, now: clock.now, pinned: clock.pinned };
}

export function printDiagnostics(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>): void {
  io.stderr.write(diagnosticsText(diagnostics, io, sources));
}

export function diagnosticsText(diagnostics: Diagnostic[], io: CliIO, sources: Map<string, string>): string {
  if (diagnostics.length === 0) return "";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return (
    renderDiagnosticsText(diagnostics, {
      sources: (file) => sources.get(file) ?? readOptional(file, io.cwd),
      color: useColor(io, "stderr"),
      summary: { errors, warnings: diagnostics.length - errors, files: new Set(diagnostics.map((d) => d.file).filter(Boolean)).size, campaigns: 0 },
    })
  );
}

/** Runs the pipeline over the project's campaigns (or `paths`). */
export async function compileCampaigns(project: OpenedProject, paths: string[], io: CliIO): Promise<PipelineResult & { texts: Map<string, string> }> {
  const found = findCampaignFiles(project.config.root, paths, io.cwd);
  const files = readCampaignFiles(found.files, io.cwd);
  const texts = new Map(files.map((f, i) => [found.files[i]!, f.text]));
  const result = runPipeline(files, project.config, project.now(), (display) => {
    const text = readOptional(display, io.cwd);
    if (text !== undefined) texts.set(resolve(io.cwd, display), text);
    return text;
  });
  return { ...result, diagnostics: [...found.diagnostics, ...result.diagnostics], texts };
}
