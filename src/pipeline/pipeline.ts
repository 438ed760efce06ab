/**
 * The campaign pipeline over files already read: load -> validate -> audience files -> compile -> locate.
 * `processFiles` is the per-file part, run chunk by chunk so that a chunk's documents and tasks can be dropped
 * once the caller has taken what it needs of them; `finishProject` adds the checks across files. Pure but for
 * the injected readers.
 */
import { dirname, join } from "node:path";
import { checkProjectLimits, compileCampaigns, type ProjectContext, type ScheduledTaskRef } from "../compile/index.js";
import { error, hasErrors, pointerOf, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { locateDiagnostics } from "../diagnostics/locate.js";
import { SUPPRESSION_MARK } from "../diagnostics/levels.js";
import { audienceLimit } from "../load/audience.js";
import { AUDIENCE_FILE_KEYS, type AudienceFileKey } from "../model/audience.js";
import { parseCampaignFileFast } from "../load/fast.js";
import { parseCampaignFile, type LoadedDocument } from "../load/index.js";
import type { Campaign, CampaignSource, SourcedCampaign, Target } from "../model/campaign.js";
import type { CompiledTask, DeferredOccurrences } from "../model/task.js";
import type { ResolvedConfig } from "../config/resolve.js";
import { isObject } from "../model/json.js";
import { timestamp } from "../lib/time/instant.js";
import { checkCampaignSchema } from "../validate/schema.js";
import { echoes, withoutInvalid } from "../validate/partial.js";
import { checkDuplicateIds, checkStructure } from "../validate/structure.js";
import type { AudienceRead } from "../load/audience.js";
import type { CampaignInfo } from "../model/campaign.js";
import type { CompiledProject } from "./workspace.js";

export interface CampaignFile {
  /** As shown to the user (relative to the working directory). */
  display: string;
  text: string;
}

export interface IdEntry {
  id: string;
  file: string;
  document: number;
  pointer: string;
  line: number;
}

/** What the per-file stage returns: plain data. */
interface FilesResult {
  tasks: CompiledTask[];
  /** The mPaaS scheduled and loop tasks among `tasks`, for the per-app limit across files. */
  scheduled: ScheduledTaskRef[];
  deferred: DeferredOccurrences[];
  campaigns: CampaignInfo[];
  ids: IdEntry[];
  /** Located diagnostics. */
  diagnostics: Diagnostic[];
  /** Texts of the files that diagnostics point into (campaign and audience files). */
  sources: Record<string, string>;
}

/** The project's compile, with each chunk's tasks as `take` made them (the tasks themselves, or their rendering). */
export interface PipelineResult<T> extends Omit<CompiledProject, "tasks"> {
  taken: T[];
  /** Texts of the files that diagnostics point into. */
  sources: Map<string, string>;
  summary: { files: number; campaigns: number };
}

export type ProjectConfig = Pick<ResolvedConfig, "apps" | "defaultTimezone">;

/** A campaign with errors, and the pointers of the values removed so that its sound rest can still be checked. */
type Flawed = SourcedCampaign & { removed: string[] };

/**
 * The per-file stage over a chunk. Without a config (`null`: it has mistakes of its own), campaigns are still
 * checked for all that needs none (YAML, schema, structure, audience files), so one run reports both.
 */
function processFiles(
  files: CampaignFile[],
  config: ProjectConfig | null,
  now: number,
  readAudience: (display: string) => AudienceRead,
  options: PipelineOptions = {},
): FilesResult {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const documents = new Map<string, LoadedDocument>();
  const valid: SourcedCampaign[] = [];
  /** Campaigns with errors, whose sound remainder is still checked (their tasks are dropped). */
  const flawed: Flawed[] = [];
  const ids: IdEntry[] = [];

  for (const file of files) {
    texts.set(file.display, file.text);
    let parsed = parseCampaignFileFast(file.display, file.text);
    let checked = parsed.documents.map((doc) => ({ doc, ...checkDocument(doc) }));
    // js-yaml accepts some text that YAML 1.2 refuses (a quoted scalar running over lines into a key): a file
    // with findings is read again by the positioned parser, and its syntax errors stand instead.
    if (parsed.fast && checked.some((c) => c.found.length > 0)) {
      const positioned = parseCampaignFile(file.display, file.text);
      if (hasErrors(positioned.diagnostics)) {
        parsed = positioned;
        checked = parsed.documents.map((doc) => ({ doc, ...checkDocument(doc) }));
      }
    }
    diagnostics.push(...parsed.diagnostics);
    for (const { doc, found, errors, sound } of checked) {
      documents.set(`${doc.file}\0${doc.index}`, doc);
      diagnostics.push(...found);
      if (isObject(doc.value) && typeof doc.value.id === "string")
        ids.push({ id: doc.value.id, file: doc.file, document: doc.index, pointer: "/id", line: doc.line });
      const source = { file: doc.file, document: doc.index, line: doc.line };
      if (sound && errors.length === 0) valid.push({ campaign: doc.value as unknown as Campaign, source });
      else {
        // The rules and the compiler assume the campaign's shape: a remainder without it has nothing to add.
        const rest = isObject(doc.value) ? withoutInvalid(doc.value, errors) : null;
        if (rest && hasCampaignShape(rest.value)) flawed.push({ campaign: rest.value as unknown as Campaign, source, removed: rest.removed });
      }
    }
  }

  const audienceFiles: Record<string, Record<string, string[]>> = {};
  for (const { campaign, source } of [...valid, ...flawed]) {
    if (!isObject(campaign.target)) continue;
    const lists = readAudienceFiles(campaign.target, source, readAudience, diagnostics);
    if (lists) audienceFiles[source.file] = { ...audienceFiles[source.file], ...lists };
  }

  const context = config ? { apps: config.apps, now, defaultTimezone: config.defaultTimezone, audienceFiles } : null;
  const compiled = context ? compileCampaigns(valid, context) : { tasks: [], scheduled: [], deferred: [], diagnostics: [] };
  diagnostics.push(...compiled.diagnostics, ...(context ? checkRemainders(flawed, context) : []));
  if (options.warnPastSends) diagnostics.push(...pastSends(compiled.tasks, valid, now));

  const campaigns: CampaignInfo[] = valid.map(({ campaign, source }) => ({
    id: campaign.id,
    ...(campaign.name ? { name: campaign.name } : {}),
    app: campaign.app,
    provider: (config && Object.hasOwn(config.apps, campaign.app) ? config.apps[campaign.app]?.provider : undefined) ?? "emas",
    timezone: campaign.schedule?.timezone ?? config?.defaultTimezone ?? "UTC",
    protect: campaign.protect === true,
    ...(campaign.schedule?.every ? { loop: campaign.schedule } : {}),
    ...(campaign.formerIds?.length ? { formerIds: campaign.formerIds } : {}),
    source: { file: source.file, line: source.line },
  }));
  const located = locateDiagnostics(diagnostics, (file, document) => documents.get(`${file}\0${document}`));
  const sources: Record<string, string> = {};
  for (const d of located) if (d.file && texts.has(d.file)) sources[d.file] = texts.get(d.file)!;
  // Suppressions are read from the texts of this run: no file is read twice.
  for (const [file, text] of texts) if (text.includes(SUPPRESSION_MARK)) sources[file] = text;
  return { tasks: compiled.tasks, scheduled: compiled.scheduled, deferred: compiled.deferred, campaigns, ids, diagnostics: located, sources };
}

/** Merges per-file results (in file order; their tasks are the caller's) and runs the checks across files. */
function finishProject<T>(
  parts: Array<Omit<FilesResult, "tasks">>,
  taken: T[],
  fileCount: number,
  readSource: (display: string) => string | undefined,
  otherIds: IdEntry[] = [],
): PipelineResult<T> {
  const ids = parts.flatMap((p) => p.ids);
  const sources = new Map<string, string>(parts.flatMap((p) => Object.entries(p.sources)));
  const across = [...checkDuplicateIds(ids, otherIds), ...checkProjectLimits(parts.flatMap((p) => p.scheduled))];
  // Cross-file diagnostics point into files of other chunks, whose documents are gone: parse again, lazily.
  const parsed = new Map<string, LoadedDocument[]>();
  const lookup = (file: string, document: number) => {
    if (!parsed.has(file)) {
      const text = sources.get(file) ?? readSource(file);
      if (text !== undefined) sources.set(file, text);
      parsed.set(file, text === undefined ? [] : parseCampaignFile(file, text).documents);
    }
    return parsed.get(file)!.find((d) => d.index === document);
  };
  return {
    taken,
    deferred: parts.flatMap((p) => p.deferred),
    campaigns: parts.flatMap((p) => p.campaigns),
    diagnostics: sortDiagnostics([...parts.flatMap((p) => p.diagnostics), ...locateDiagnostics(across, lookup)]),
    sources,
    summary: { files: fileCount, campaigns: ids.length },
  };
}

interface PipelineOptions {
  /**
   * A scheduled send at or before `now` is a warning (`push validate`, which knows the clock). `push plan` leaves
   * it out and refuses such a create itself, with an error, knowing what the state already holds.
   */
  warnPastSends?: boolean;
}

export interface PipelineInput<T> extends PipelineOptions {
  /** Null: the config has mistakes; campaigns get the checks that need none (processFiles). */
  config: ProjectConfig | null;
  now: number;
  /** An audience file by display path: its ids (streamed, capped), or why it was refused. */
  readAudience: (display: string) => AudienceRead;
  /** A campaign file again, for a diagnostic across files that points into an earlier chunk. */
  readSource: (display: string) => string | undefined;
  /** What the caller keeps of a chunk's tasks (the tasks, or their rendering). */
  take: (tasks: CompiledTask[]) => T;
  /** Campaign ids of the project's files outside `chunks` (when only some paths are checked): ids stay unique. */
  otherIds?: IdEntry[];
}

/** The campaign ids of files, for uniqueness against files that are not checked in full. */
export function collectIds(files: CampaignFile[]): IdEntry[] {
  const ids: IdEntry[] = [];
  for (const file of files) {
    for (const doc of parseCampaignFileFast(file.display, file.text).documents) {
      if (isObject(doc.value) && typeof doc.value.id === "string")
        ids.push({ id: doc.value.id, file: doc.file, document: doc.index, pointer: "/id", line: doc.line });
    }
  }
  return ids;
}

/**
 * Runs the pipeline over `chunks` of files (read lazily by the caller), handing each chunk's tasks to `take`
 * before the next chunk is read: memory holds one chunk's documents and tasks, not the project's.
 */
export function runPipeline<T>(chunks: Iterable<CampaignFile[]>, input: PipelineInput<T>): PipelineResult<T> {
  const parts: Array<Omit<FilesResult, "tasks">> = [];
  const taken: T[] = [];
  let fileCount = 0;
  for (const files of chunks) {
    fileCount += files.length;
    const { tasks, ...rest } = processFiles(files, input.config, input.now, input.readAudience, { warnPastSends: input.warnPastSends === true });
    taken.push(input.take(tasks));
    parts.push(rest);
  }
  return finishProject(parts, taken, fileCount, input.readSource, input.otherIds);
}

/**
 * The provider rules and the compiler over what is left of campaigns with errors (each remainder has the
 * campaign's shape: processFiles keeps no other); findings about a removed value only echo its error and are
 * dropped. A rule that throws here is a bug, and fails the run as one.
 */
function checkRemainders(flawed: Flawed[], context: ProjectContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const { campaign, source, removed } of flawed) {
    const result = compileCampaigns([{ campaign, source }], context);
    found.push(...result.diagnostics.filter((d) => !echoes(d.pointer, removed)));
  }
  return found;
}

/** Reading order: by file, then position; diagnostics without a place first. Stable for equal places. */
function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  // The same finding reached twice (an audience file that several campaigns name) is reported once.
  const seen = new Set<string>();
  const once = diagnostics.filter((d) => {
    const id = `${d.file}\0${d.range?.line}:${d.range?.column}\0${d.code}\0${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return once
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const fa = a.d.file ?? "";
      const fb = b.d.file ?? "";
      if (fa !== fb) return fa < fb ? -1 : 1;
      const la = a.d.range?.line ?? 0;
      const lb = b.d.range?.line ?? 0;
      if (la !== lb) return la - lb;
      return (a.d.range?.column ?? 0) - (b.d.range?.column ?? 0) || a.i - b.i;
    })
    .map(({ d }) => d);
}

/** One warning per campaign whose first scheduled send is at or before `now`: `push plan` will refuse to create it. */
function pastSends(tasks: CompiledTask[], campaigns: SourcedCampaign[], now: number): Diagnostic[] {
  const first = new Map<string, string>();
  for (const task of tasks) {
    if (task.sendAt === null || Date.parse(task.sendAt) > now) continue;
    const seen = first.get(task.campaign);
    if (seen === undefined || task.sendAt < seen) first.set(task.campaign, task.sendAt);
  }
  const found: Diagnostic[] = [];
  for (const { campaign, source } of campaigns) {
    const sendAt = first.get(campaign.id);
    if (sendAt === undefined) continue;
    const loop = campaign.schedule?.every !== undefined;
    found.push(
      warning(
        "schedule-in-past",
        `${campaign.id} would first send at ${sendAt}, which is in the past (now ${timestamp(now)}): push plan refuses to create it`,
        {
          file: source.file,
          document: source.document,
          pointer: loop ? (campaign.schedule?.from !== undefined ? "/schedule/from" : "/schedule") : "/schedule/at",
          hint: "move the schedule into the future, or remove the schedule to send when applied (a campaign already applied keeps what was sent)",
        },
      ),
    );
  }
  return found;
}

/** A document's schema and structure findings (shown), the errors that make it uncompilable, and its shape. */
function checkDocument(doc: LoadedDocument): { found: Diagnostic[]; errors: Diagnostic[]; sound: boolean } {
  const at = { file: doc.file, document: doc.index };
  const { diagnostics: schemaFound, sound } = checkCampaignSchema(doc.value);
  // A structure check over a value the schema already refused would say the same thing again.
  const refused = schemaFound.filter((d) => d.code !== "schema-required").map((d) => d.pointer ?? "");
  const structural = isObject(doc.value) ? checkStructure(doc.value) : [];
  const found = [...schemaFound, ...structural.filter((d) => !echoes(d.pointer, refused))].map((d) => ({ ...at, ...d }));
  // An unknown key leaves the known fields sound: provider rules still run, so one run shows every mistake.
  // A structure error left unsaid (it echoes a schema one: `tme` for `time`) still makes the campaign unsound.
  const errors = [...found, ...structural].filter((d) => d.severity === "error" && d.code !== "schema-unknown-key");
  return { found, errors, sound };
}

/** What the provider rules and the compiler assume of a campaign: the schema's shape (unknown keys aside) and a sound structure. */
function hasCampaignShape(value: Record<string, unknown>): boolean {
  return checkCampaignSchema(value).sound && !checkStructure(value).some((d) => d.severity === "error");
}

/** Reads the audience files a campaign names (relative to the campaign file); never keeps their text. */
function readAudienceFiles(
  target: Target,
  source: CampaignSource,
  readAudience: (display: string) => AudienceRead,
  diagnostics: Diagnostic[],
): Record<string, string[]> | null {
  let lists: Record<string, string[]> | null = null;
  for (const key of Object.keys(AUDIENCE_FILE_KEYS) as AudienceFileKey[]) {
    const written = target[key];
    if (written === undefined) continue;
    const display = join(dirname(source.file), written);
    const at = { file: source.file, document: source.document, pointer: pointerOf("target", key) };
    const read = readAudience(display);
    if (!read.ok) {
      diagnostics.push(error(read.code, `target.${key}: ${read.problem}`, { ...at, hint: read.hint }));
      continue;
    }
    diagnostics.push(...read.diagnostics);
    lists = { ...(lists ?? {}), [written]: read.ids };
    // A file with lines that are not ids is reported by line; its size or emptiness would only echo that.
    if (hasErrors(read.diagnostics)) continue;
    const limit = audienceLimit(key);
    if (read.more || read.ids.length > limit.maxIds) {
      diagnostics.push(
        error(
          "audience-too-large",
          `target.${key}: ${display} lists ${read.more ? "more than " : ""}${read.ids.length.toLocaleString("en-US")} ids; one ${limit.provider} campaign may hold at most ${limit.maxIds.toLocaleString("en-US")}`,
          {
            ...at,
            hint: limit.hint,
          },
        ),
      );
      continue;
    }
    if (read.ids.length === 0) {
      diagnostics.push(
        error("audience-file-empty", `target.${key}: ${display} lists no ids`, {
          ...at,
          hint: "write one id per line (blank lines and # comments are ignored)",
        }),
      );
    }
  }
  return lists;
}
