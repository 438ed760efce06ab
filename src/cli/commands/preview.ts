import { accessSync, constants, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { error, hasErrors, warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { displayPath } from "../../diagnostics/paths.js";
import { parseCampaignFileFast } from "../../load/fast.js";
import type { Schedule } from "../../model/campaign.js";
import type { CompiledTask } from "../../model/task.js";
import { previewDocument, type CampaignInput, type PreviewDocument } from "../../render/preview/document.js";
import { fileStem, renderCampaignPage, renderIndexPage } from "../../render/preview/page.js";
import { renderPreviewSummary } from "../../render/preview/summary.js";
import { readOptional } from "../files.js";
import type { CliIO, ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import type { PipelineResult } from "../pipeline.js";
import { notAFolder, writeOwnedFiles } from "../out-dir.js";
import { compileCampaigns, compileOrReport, openProject, printDiagnostics, type OpenedProject } from "../project.js";

export interface PreviewOptions extends GlobalOptions {
  paths: string[];
  out?: string;
  /** False with `--no-png`: the HTML only, no browser started. */
  png: boolean;
}

/** Lists the files the last run wrote, so that the next one removes those it no longer writes (and nothing else). */
const MANIFEST = ".push-preview.json";

/** Where a browser usually is, after `PUSH_CHROMIUM`: Debian's packages, then these names on PATH. */
const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

const HOW_TO_GET_CHROMIUM = "install Chromium (Debian: apt-get install chromium) or set PUSH_CHROMIUM to a Chromium or Chrome binary; --no-png skips the images";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The browser for the PNG images: `PUSH_CHROMIUM`, else the first one found; a wrong `PUSH_CHROMIUM` is an error. */
export function findChromium(env: Record<string, string | undefined>): { path: string | null; diagnostics: Diagnostic[] } {
  const named = env.PUSH_CHROMIUM;
  if (named) {
    if (isExecutable(named)) return { path: named, diagnostics: [] };
    return { path: null, diagnostics: [error("preview-chromium", `PUSH_CHROMIUM is ${named}, which is not an executable file`, { hint: "point PUSH_CHROMIUM at a Chromium or Chrome binary, or unset it to look in the usual places" })] };
  }
  const onPath = (env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) => CHROMIUM_NAMES.map((name) => join(dir, name)));
  const found = [...CHROMIUM_PATHS, ...onPath].find(isExecutable) ?? null;
  return { path: found, diagnostics: [] };
}

/** The schedule and description each campaign file states (compile's results carry neither). */
function writtenCampaigns(files: string[], io: CliIO): Map<string, { schedule?: Schedule; description?: string }> {
  const found = new Map<string, { schedule?: Schedule; description?: string }>();
  for (const file of files) {
    for (const doc of parseCampaignFileFast(file, readOptional(file, io.cwd) ?? "").documents) {
      const value = doc.value as { id?: unknown; schedule?: Schedule; description?: string } | null;
      if (value && typeof value.id === "string") found.set(value.id, { ...(value.schedule ? { schedule: value.schedule } : {}), ...(value.description ? { description: value.description } : {}) });
    }
  }
  return found;
}

async function campaignInputs(project: OpenedProject, compiled: PipelineResult<CompiledTask[]>, io: CliIO): Promise<CampaignInput[]> {
  const tasks = new Map<string, CompiledTask[]>();
  for (const task of compiled.taken.flat()) tasks.set(task.campaign, [...(tasks.get(task.campaign) ?? []), task]);
  const written = writtenCampaigns([...new Set(compiled.campaigns.map((c) => c.source.file))], io);
  const inputs: CampaignInput[] = [];
  for (const info of compiled.campaigns) {
    const deferred = compiled.deferred.find((d) => d.campaign === info.id);
    const input: CampaignInput = { info, ...written.get(info.id), tasks: tasks.get(info.id) ?? [] };
    if (input.tasks.length === 0 && deferred?.next) {
      // No run within the 7-day window yet: what a later apply sends is the campaign compiled at its next run.
      const later = await compileCampaigns({ ...project, now: () => Date.parse(deferred.next!) }, [info.source.file], io, { take: (tasks) => tasks });
      input.laterTasks = later.taken.flat().filter((t) => t.campaign === info.id);
    }
    inputs.push(input);
  }
  return inputs;
}


/** The PNG of each campaign's mock-ups, or why there are none. */
async function images(doc: PreviewDocument, pages: Map<string, string>, io: CliIO): Promise<{ images: Map<string, Buffer>; skipped: string | null; diagnostics: Diagnostic[] }> {
  const browser = findChromium(io.env);
  if (!browser.path) {
    if (browser.diagnostics.length) return { images: new Map(), skipped: "PUSH_CHROMIUM is wrong", diagnostics: browser.diagnostics };
    return { images: new Map(), skipped: "no Chromium found", diagnostics: [warning("preview-png-skipped", "no Chromium found: the PNG images were not written (the HTML pages were)", { hint: HOW_TO_GET_CHROMIUM })] };
  }
  const { screenshotMockups } = await import("../../render/preview/screenshot.js");
  const profile = mkdtempSync(join(tmpdir(), "push-chromium-"));
  try {
    const list = doc.campaigns.map((c) => ({ id: c.id, html: pages.get(c.id)! }));
    return { images: await screenshotMockups(list, { executablePath: browser.path, userDataDir: profile }), skipped: null, diagnostics: [] };
  } catch (cause) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
    return { images: new Map(), skipped: "Chromium failed", diagnostics: [error("preview-png-failed", `${browser.path} did not render the images: ${reason}`, { hint: `check that it starts headless (${browser.path} --headless --no-sandbox --dump-dom about:blank); ${HOW_TO_GET_CHROMIUM}` })] };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** `push preview`: an HTML page per campaign (mock-ups, text fit, schedule), an index, and PNGs of the mock-ups. */
export async function runPreviewCommand(options: PreviewOptions, io: CliIO): Promise<ExitCode> {
  const project = await openProject(options, io);
  if (!project) return 1;
  const dir = options.out ? resolve(io.cwd, options.out) : join(project.config.root, ".push", "preview");
  const out = displayPath(dir, io.cwd);
  const file = notAFolder(dir, out, "preview-out", "the pages and images");
  if (file) {
    printDiagnostics([file], io, new Map());
    return 1;
  }
  const compiled = await compileOrReport(project, options.paths, io);
  if (!compiled) return 1;

  const providerZones = Object.fromEntries(Object.values(project.config.apps).flatMap((app) => (app.provider === "mpaas" ? [[app.name, app.providerTimezone]] : [])));
  const doc = previewDocument({ now: project.now(), campaigns: await campaignInputs(project, compiled, io), providerZones });
  const pages = new Map(doc.campaigns.map((c) => [c.id, renderCampaignPage(doc, c)]));
  const files = new Map<string, string | Buffer>([...pages].map(([id, html]) => [`${fileStem(id)}.html`, html]));
  files.set("index.html", renderIndexPage(doc));
  const shots = options.png ? await images(doc, pages, io) : { images: new Map<string, Buffer>(), skipped: "--no-png", diagnostics: [] };
  for (const [id, png] of shots.images) files.set(`${fileStem(id)}.png`, png);
  try {
    writeOwnedFiles(dir, MANIFEST, files);
  } catch (cause) {
    printDiagnostics([error("preview-out", `cannot write the preview to ${out}: ${(cause as Error).message}`, { hint: "give a folder push can create and write" })], io, new Map());
    return 1;
  }
  if (shots.diagnostics.length) printDiagnostics(shots.diagnostics, io, new Map());
  const at = (name: string) => displayPath(join(dir, name), io.cwd);
  const summary = {
    dir: out,
    index: at("index.html"),
    pages: new Map(doc.campaigns.map((c) => [c.id, at(`${fileStem(c.id)}.html`)])),
    images: new Map([...shots.images.keys()].map((id) => [id, at(`${fileStem(id)}.png`)])),
    imagesSkipped: shots.skipped,
  };
  io.stdout.write(renderPreviewSummary(doc, summary));
  return hasErrors(shots.diagnostics) ? 1 : 0;
}
