/**
 * The campaign pipeline over files already read: load -> validate -> audience files -> compile -> locate.
 * Pure but for the injected `readAudience`; the file discovery and reading happen in `files.ts`.
 */
import { dirname, join } from "node:path";
import { compileProject } from "../compile/index.js";
import { error, pointerOf, type Diagnostic } from "../diagnostics/diagnostic.js";
import { locateDiagnostics } from "../diagnostics/locate.js";
import { parseAudienceFile } from "../load/audience.js";
import { parseCampaignFileFast } from "../load/fast.js";
import type { LoadedDocument } from "../load/index.js";
import type { Campaign, CampaignSource, Target } from "../model/campaign.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { validateCampaignSchema } from "../validate/schema.js";
import { checkDuplicateIds, checkStructure } from "../validate/structure.js";
import type { CampaignInfo, CompiledProject } from "./workspace.js";

export interface CampaignFile {
  /** As shown to the user (relative to the working directory). */
  display: string;
  text: string;
}

export interface PipelineResult extends CompiledProject {
  /** File texts by display path, for code frames (campaign files and audience files). */
  sources: Map<string, string>;
  summary: { files: number; campaigns: number };
}

const AUDIENCE_FILE_KEYS = ["devicesFile", "accountsFile", "aliasesFile", "usersFile", "androidDevicesFile", "iosDevicesFile", "hmosDevicesFile"] as const;

export function runPipeline(
  files: CampaignFile[],
  config: ResolvedConfig,
  now: number,
  readAudience: (display: string) => string | undefined,
): PipelineResult {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const documents = new Map<string, LoadedDocument>();
  const valid: Array<{ campaign: Campaign; source: CampaignSource }> = [];
  const ids: Array<{ id: string; file: string; document: number; pointer: string; line: number }> = [];

  for (const file of files) {
    sources.set(file.display, file.text);
    const parsed = parseCampaignFileFast(file.display, file.text);
    diagnostics.push(...parsed.diagnostics);
    for (const doc of parsed.documents) {
      documents.set(`${doc.file}\0${doc.index}`, doc);
      const at = { file: doc.file, document: doc.index };
      const found = [...validateCampaignSchema(doc.value), ...(isRecord(doc.value) ? checkStructure(doc.value) : [])].map((d) => ({ ...at, ...d }));
      diagnostics.push(...found);
      if (isRecord(doc.value) && typeof doc.value.id === "string") {
        ids.push({ id: doc.value.id, ...at, pointer: "/id", line: doc.line });
      }
      // An unknown key leaves the known fields sound: provider rules still run, so one run shows every mistake.
      if (found.some((d) => d.severity === "error" && d.code !== "schema-unknown-key")) continue;
      valid.push({ campaign: doc.value as unknown as Campaign, source: { file: doc.file, document: doc.index, line: doc.line } });
    }
  }
  diagnostics.push(...checkDuplicateIds(ids));

  const audienceFiles: Record<string, Record<string, string[]>> = {};
  for (const { campaign, source } of valid) {
    const lists = readAudienceFiles(campaign.target, source, readAudience, sources, diagnostics);
    if (lists) audienceFiles[source.file] = { ...audienceFiles[source.file], ...lists };
  }

  const compiled = compileProject(valid, { apps: config.apps, now, defaultTimezone: config.defaultTimezone, audienceFiles });
  diagnostics.push(...compiled.diagnostics);

  const campaigns: CampaignInfo[] = valid.map(({ campaign, source }) => ({
    id: campaign.id,
    ...(campaign.name ? { name: campaign.name } : {}),
    app: campaign.app,
    provider: config.apps[campaign.app]?.provider ?? "emas",
    timezone: campaign.schedule?.timezone ?? config.defaultTimezone,
    protect: campaign.protect === true,
    source: { file: source.file, line: source.line },
  }));

  return {
    tasks: compiled.tasks,
    deferred: compiled.deferred,
    campaigns,
    diagnostics: locateDiagnostics(diagnostics, (file, document) => documents.get(`${file}\0${document}`)),
    sources,
    summary: { files: files.length, campaigns: ids.length },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the audience files a campaign names (relative to the campaign file). */
function readAudienceFiles(
  target: Target,
  source: CampaignSource,
  readAudience: (display: string) => string | undefined,
  sources: Map<string, string>,
  diagnostics: Diagnostic[],
): Record<string, string[]> | null {
  let lists: Record<string, string[]> | null = null;
  for (const key of AUDIENCE_FILE_KEYS) {
    const written = target[key];
    if (written === undefined) continue;
    const display = join(dirname(source.file), written);
    const text = readAudience(display);
    if (text === undefined) {
      diagnostics.push(
        error("audience-file-missing", `target.${key}: cannot read ${display}`, {
          hint: "paths in a campaign are relative to the campaign file; one id per line",
          file: source.file,
          document: source.document,
          pointer: pointerOf("target", key),
        }),
      );
      continue;
    }
    sources.set(display, text);
    const parsed = parseAudienceFile(display, text);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.ids.length === 0) {
      diagnostics.push(
        error("audience-file-empty", `target.${key}: ${display} lists no ids`, {
          hint: "write one id per line (blank lines and # comments are ignored)",
          file: source.file,
          document: source.document,
          pointer: pointerOf("target", key),
        }),
      );
    }
    lists = { ...(lists ?? {}), [written]: parsed.ids };
  }
  return lists;
}
