/**
 * `push import [REMOTE_ID...]` (issue 14): tasks made outside push (in a console) become campaign files, and are
 * adopted into state, so the next plan shows no change and the provider is untouched. Every campaign is written
 * from what the provider's listing shows of the task and nothing else; the ids it reaches, which no listing
 * shows, come from `--audience ID=FILE`. A file is kept only when planning it adopts exactly its task: compiling
 * it gives back what the provider holds, as far as the listing shows it. What cannot be written is reported.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, parse, relative, resolve, sep } from "node:path";
import { apply } from "../../apply/apply.js";
import { type AppEntry, addApps } from "../../config/edit.js";
import { hasErrors } from "../../diagnostics/diagnostic.js";
import type { ResolvedApp } from "../../model/app.js";
import type { Plan } from "../../model/plan.js";
import type { Draft, RemoteTask } from "../../model/remote.js";
import type { Workspace } from "../../pipeline/workspace.js";
import { appRefKey, behaviourOf } from "../../providers/behaviour.js";
import { refresh, type RefreshResult } from "../../refresh/refresh.js";
import { idFromTitle, renderImportedCampaign } from "../../render/campaign/imported.js";
import { readAudienceFile } from "../audience-files.js";
import type { CliIO, ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import { openProject, openWorkspace, type OpenedProject } from "../project.js";
import { stateDiagnostics } from "../state-guard.js";
import { computePlan, LISTING_RETRY, printPlanDiagnostics } from "./plan.js";

export interface ImportOptions {
  /** Remote ids (EMAS MessageId, mPaaS task id); none: every task no record holds. */
  ids: string[];
  /** `ID=FILE`: the ids a task reaches, one per line. */
  audiences: string[];
  /** `NAME=emas:APPKEY` or `NAME=mpaas:APPID/WORKSPACE`: apps to list that the config lacks (added to it). */
  apps: string[];
  /** Where the files go, inside campaigns/ (default campaigns/imported). */
  dir?: string;
}

/** A task that became a file, or did not and why. */
type Outcome = { remote: RemoteTask; file: string; id: string; app: string; audienceFile?: string } | { remote: RemoteTask; cannot: string; hint: string };

/** More ids than this go to a file beside the campaign instead of into it. */
const INLINE_IDS = 20;

export async function runImportCommand(globals: GlobalOptions, options: ImportOptions, io: CliIO): Promise<ExitCode> {
  const audiences = readAudiences(options.audiences, io);
  const apps = parseApps(options.apps, io);
  if (!audiences || !apps) return 1;
  const opened = await openProject(globals, io);
  if (!opened) return 1;
  const { filepath } = opened.config;
  const original = readFileSync(filepath, "utf8");
  const added = appsToAdd(apps, opened.config.apps, io);
  if (!added) return 1;
  let project: OpenedProject | null = opened;
  if (Object.keys(added).length) {
    if (!(await writeApps(filepath, original, added, io))) return 1;
    project = await openProject(globals, io);
    if (!project) {
      writeFileSync(filepath, original);
      io.stderr.write(`error: internal error: ${relative(io.cwd, filepath)} did not load with the apps push import added: it is restored as it was\n`);
      return 1;
    }
  }
  const ws = openWorkspace(project, io);
  let result: Awaited<ReturnType<typeof importTasks>> = null;
  try {
    result = await importTasks(ws, project, { ids: options.ids, audiences, ...(options.dir ? { dir: options.dir } : {}) }, io);
  } finally {
    await ws.close();
  }
  // An app added for the import stays in the config only when a task of it was imported.
  const used = new Set((result?.outcomes ?? []).flatMap((o) => ("file" in o ? [o.app] : [])));
  const kept = Object.fromEntries(Object.entries(added).filter(([name]) => used.has(name)));
  if (Object.keys(kept).length < Object.keys(added).length) {
    if (Object.keys(kept).length) await writeApps(filepath, original, kept, io);
    else writeFileSync(filepath, original);
  }
  if (!result) return 1;
  report(result.outcomes, Object.keys(kept), filepath, io);
  return result.recorded && result.outcomes.every((o) => "file" in o) ? 0 : 1;
}

/** `ID=FILE` -> the ids of FILE, by remote id; null after printing what is wrong. */
function readAudiences(specs: string[], io: CliIO): Map<string, string[]> | null {
  const out = new Map<string, string[]>();
  let ok = true;
  for (const spec of specs) {
    const at = spec.indexOf("=");
    if (at <= 0 || at === spec.length - 1) {
      io.stderr.write(`error: --audience ${spec}: expected ID=FILE (the task's remote id, a file of ids one per line)\n`);
      ok = false;
      continue;
    }
    const [id, file] = [spec.slice(0, at), spec.slice(at + 1)];
    // Streamed and capped as a campaign's audience file is; it may be anywhere (a list exported from a console).
    const list = readAudienceFile(file, io.cwd, parse(resolve(io.cwd, file)).root);
    if (!list.ok) {
      const hint = list.code === "audience-file-missing" ? "name a file of ids, one per line, relative to the working directory" : list.hint;
      io.stderr.write(`error: --audience ${id}=${file}: ${list.problem}\n  hint: ${hint}\n`);
      ok = false;
      continue;
    }
    for (const d of list.diagnostics) io.stderr.write(`${d.severity}: ${d.file ?? file}${d.range ? `:${d.range.line}` : ""}: ${d.message}\n`);
    const problem = list.more ? "lists more ids than any campaign may hold" : list.ids.length === 0 ? "lists no ids" : null;
    if (problem) io.stderr.write(`error: --audience ${id}=${file}: ${file} ${problem}\n`);
    if (problem || hasErrors(list.diagnostics)) {
      ok = false;
      continue;
    }
    out.set(id, list.ids);
  }
  return ok ? out : null;
}

/** `NAME=emas:APPKEY`, `NAME=mpaas:APPID/WORKSPACE` -> the apps to add; null after printing what is wrong. */
function parseApps(specs: string[], io: CliIO): Record<string, AppEntry> | null {
  const out: Record<string, AppEntry> = {};
  for (const spec of specs) {
    const emas = /^([A-Za-z0-9_-]+)=emas:(\d+)$/.exec(spec);
    const mpaas = /^([A-Za-z0-9_-]+)=mpaas:([^/\s]+)\/([^/\s]+)$/.exec(spec);
    if (emas) out[emas[1]!] = { provider: "emas", appKey: Number(emas[2]) };
    else if (mpaas) out[mpaas[1]!] = { provider: "mpaas", appId: mpaas[2]!, workspaceId: mpaas[3]! };
    else {
      io.stderr.write(`error: --app ${spec}: expected NAME=emas:APPKEY or NAME=mpaas:APPID/WORKSPACE\n`);
      return null;
    }
  }
  return out;
}

/**
 * The `--app` apps the config lacks. One the config has under the same name and provider-side identity is there
 * already; a name the config gives another app is an error (null, said why).
 */
function appsToAdd(apps: Record<string, AppEntry>, configured: Record<string, ResolvedApp>, io: CliIO): Record<string, AppEntry> | null {
  const out: Record<string, AppEntry> = {};
  for (const [name, entry] of Object.entries(apps)) {
    const existing = configured[name];
    if (!existing) out[name] = entry;
    // An entry is written as its provider-side app is named (AppEntry and AppRef have the same shape).
    else if (
      !behaviourOf(existing)
        .appRefs(existing)
        .some((r) => appRefKey(r) === appRefKey(entry))
    ) {
      io.stderr.write(`error: --app ${name}: the config's app ${name} is another app; give this one another name\n`);
      return null;
    }
  }
  return out;
}

async function writeApps(filepath: string, text: string, apps: Record<string, AppEntry>, io: CliIO): Promise<boolean> {
  const edited = await addApps(filepath, text, apps);
  if ("problem" in edited) {
    io.stderr.write(
      `error: cannot add the apps to ${relative(io.cwd, filepath)}: ${edited.problem}\n  hint: add them by hand under apps, then run push import again\n`,
    );
    return false;
  }
  writeFileSync(filepath, edited.text);
  return true;
}

/** The folder the files go to, inside campaigns/ (else a plan would not read them); null after saying why. */
function importFolder(root: string, dir: string | undefined, io: CliIO): string | null {
  const campaigns = join(root, "campaigns");
  const folder = dir ? resolve(io.cwd, dir) : join(campaigns, "imported");
  const inside = relative(campaigns, folder);
  if (inside.startsWith("..") || resolve(campaigns, inside) !== folder) {
    io.stderr.write(`error: --dir ${dir}: the files must go inside ${relative(io.cwd, campaigns) || "campaigns"}${sep}, where push plan reads campaigns\n`);
    return null;
  }
  return folder;
}

/** The editor's `$schema` for a file in `folder`: the installed package's, or this repository's own. */
function schemaPath(root: string, folder: string): string {
  const installed = join(root, "node_modules", "push-campaigns", "schemas", "campaign.schema.json");
  const own = join(root, "schemas", "campaign.schema.json");
  return relative(folder, existsSync(installed) || !existsSync(own) ? installed : own)
    .split(sep)
    .join("/");
}

/** The named tasks among those no record holds, or null after saying which names are not among them. */
function choose(unmanaged: RemoteTask[], ids: string[], recorded: Map<string, string>, io: CliIO): RemoteTask[] | null {
  if (!ids.length) return unmanaged;
  const byId = new Map(unmanaged.map((t) => [t.remoteId, t]));
  const missing = ids.filter((id) => !byId.has(id));
  for (const id of missing) {
    const key = recorded.get(id);
    io.stderr.write(
      key
        ? `error: ${id} is managed already: the state records it as ${key}\n`
        : `error: ${id}: no app of the config lists a scheduled task of that id (sent, cancelled, or of an app the config lacks: --app NAME=emas:APPKEY)\n`,
    );
  }
  return missing.length ? null : [...new Set(ids)].map((id) => byId.get(id)!);
}

interface Writing {
  ws: Workspace;
  zone: string;
  folder: string;
  audiences: Map<string, string[]>;
  /** Campaign ids in use (the project's, the state's, this import's). */
  taken: Set<string>;
  /** The names of the files in the folder already: an id is free only when no file is named after it. */
  present: Set<string>;
}

/** The config's name of the app a listed task belongs to. */
function appNameOf(ws: Workspace, remote: RemoteTask): string {
  const key = appRefKey(remote.appRef);
  const found = Object.values(ws.apps).find((app) =>
    behaviourOf(app)
      .appRefs(app)
      .some((ref) => appRefKey(ref) === key),
  );
  if (!found) throw new Error(`internal error: ${key} was listed but no app of the config has it`);
  return found.name;
}

function freeId(base: string, remoteId: string, writing: Writing): string {
  const suffix = remoteId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(-16);
  const candidates = [base, `${base.slice(0, 45)}-${suffix}`];
  for (let n = 2; ; n++) {
    const id = candidates.shift() ?? `${base.slice(0, 45)}-${suffix}-${n}`;
    if (!writing.taken.has(id) && ![...writing.present].some((name) => name.startsWith(`${id}.`))) {
      writing.taken.add(id);
      return id;
    }
  }
}

/** Writes the campaign file of one listed task, or says why none can be written. */
function writeCampaign(remote: RemoteTask, writing: Writing): Outcome {
  const given = writing.audiences.get(remote.remoteId) ?? null;
  const draft: Draft = remote.shown
    ? behaviourOf(remote.shown).draft(remote.shown, remote.sendAt, { audience: given, zone: writing.zone })
    : { cannot: "its listing shows nothing of the request", hint: "leave it to the console" };
  if ("cannot" in draft) return { remote, cannot: draft.cannot, hint: draft.hint };
  const app = appNameOf(writing.ws, remote);
  const id = freeId(idFromTitle(remote.title) ?? "imported", remote.remoteId, writing);
  const fields = { ...draft.fields };
  let audienceFile: string | undefined;
  if (draft.audienceKey && given && given.length > INLINE_IDS) {
    audienceFile = `${id}.${draft.audienceKey}.txt`;
    const { [draft.audienceKey]: _ids, ...target } = fields.target as Record<string, unknown>;
    fields.target = { ...target, [`${draft.audienceKey}File`]: audienceFile };
  }
  mkdirSync(writing.folder, { recursive: true });
  if (audienceFile) writeFileSync(join(writing.folder, audienceFile), `${given!.join("\n")}\n`, { flag: "wx" });
  const text = renderImportedCampaign({
    id,
    app,
    fields,
    origin: `${behaviourOf(remote.appRef).appTitle(remote.appRef)}, task ${remote.remoteId}`,
    sendAt: remote.sendAt ?? "when applied",
    unseen: draft.unseen,
    ...(draft.audienceKey && given ? { given: given.length } : {}),
    schema: schemaPath(writing.ws.root, writing.folder),
    on: new Date(writing.ws.now()).toISOString().slice(0, 10),
  });
  const file = join(writing.folder, `${id}.yaml`);
  writeFileSync(file, text, { flag: "wx" });
  return { remote, file, id, app, ...(audienceFile ? { audienceFile: join(writing.folder, audienceFile) } : {}) };
}

type Written = Extract<Outcome, { file: string }>;
const isWritten = (o: Outcome): o is Written => "file" in o;

function unwrite(outcome: Written): void {
  rmSync(outcome.file, { force: true });
  if (outcome.audienceFile) rmSync(outcome.audienceFile, { force: true });
}

/** What the plan does with a written campaign, when that is not adopting exactly its task; null when it is. */
function mismatch(plan: Plan, outcome: Written): string | null {
  const ops = plan.operations.filter((op) => "task" in op && op.task.campaign === outcome.id);
  const [only] = ops;
  if (ops.length === 1 && only?.kind === "adopt" && only.remoteId === outcome.remote.remoteId) return null;
  if (!ops.length) return "no change";
  const named = ops.slice(0, 3).map((op) => `${op.kind} ${op.key}`);
  return ops.length > named.length ? `${named.join(", ")} and ${ops.length - named.length} more` : named.join(", ");
}

/**
 * Plans the written campaigns (--target them): each must adopt exactly its task. One that would do anything else
 * is removed and reported; the rest are planned again without it. The plan of those that adopt, or null.
 */
async function verify(ws: Workspace, outcomes: Outcome[], listed: RefreshResult, io: CliIO): Promise<Plan | null> {
  for (;;) {
    const written = outcomes.filter(isWritten);
    if (!written.length) return null;
    const planned = await computePlan(
      ws,
      io,
      "apply",
      written.map((o) => o.id),
      listed,
    );
    if (!planned.plan) {
      printPlanDiagnostics(planned, io);
      written.forEach(unwrite);
      throw new Error("internal error: the campaign files push import wrote do not plan (above); they are removed again");
    }
    const plan = planned.plan;
    const wrong = written.flatMap((o) => {
      const instead = mismatch(plan, o);
      return instead === null ? [] : [{ o, instead }];
    });
    if (!wrong.length) return plan;
    for (const { o, instead } of wrong) {
      unwrite(o);
      outcomes[outcomes.indexOf(o)] = {
        remote: o.remote,
        cannot: `its campaign would plan as ${instead}, not as adopting the task: it does not compile to what the provider lists`,
        hint: "an audience over one request (EMAS 1,000 ids, mPaaS 10) is several tasks, not this one; otherwise it is a bug in push import: please report it",
      };
    }
  }
}

/** Lists, writes, verifies and records; null when nothing could be tried (printed why). */
async function importTasks(
  ws: Workspace,
  project: OpenedProject,
  options: Omit<ImportOptions, "audiences" | "apps"> & { audiences: Map<string, string[]> },
  io: CliIO,
): Promise<{ outcomes: Outcome[]; recorded: boolean } | null> {
  const folder = importFolder(ws.root, options.dir, io);
  if (!folder) return null;
  const backend = await ws.backend();
  const snapshot = await backend.read();
  const guard = await stateDiagnostics(ws, snapshot, io.env, "apply");
  const observed = hasErrors(guard) ? null : await refresh({ snapshot, providers: await ws.providers(), now: ws.now(), apps: ws.apps, retry: LISTING_RETRY });
  const compiled = observed && !hasErrors(observed.diagnostics) ? await ws.compile() : null;
  const stopping = [...guard, ...(observed?.diagnostics ?? []), ...(compiled?.diagnostics ?? [])];
  if (!observed || !compiled || hasErrors(stopping)) {
    printPlanDiagnostics({ diagnostics: stopping, counts: { files: [], campaigns: 0 } }, io);
    io.stderr.write("error: nothing imported: the project must plan before tasks are imported into it\n");
    return null;
  }
  const recorded = new Map(Object.values(snapshot.tasks).flatMap((r) => (r.remoteId ? [[r.remoteId, r.key] as const] : [])));
  const chosen = choose(observed.unmanaged, options.ids, recorded, io);
  if (!chosen) return null;
  const stray = [...options.audiences.keys()].filter((id) => !chosen.some((t) => t.remoteId === id));
  for (const id of stray) io.stderr.write(`error: --audience ${id}: no task this import takes has that id\n`);
  if (stray.length) return null;
  const writing: Writing = {
    ws,
    zone: project.config.defaultTimezone,
    folder,
    audiences: options.audiences,
    taken: new Set([...compiled.campaigns.map((c) => c.id), ...Object.values(snapshot.tasks).map((r) => r.campaign)]),
    present: new Set(existsSync(folder) ? readdirSync(folder) : []),
  };
  const outcomes = chosen.map((remote) => writeCampaign(remote, writing));
  const plan = await verify(ws, outcomes, observed, io);
  if (!plan) return { outcomes, recorded: true };
  const result = await apply({
    plan,
    backend,
    providers: await ws.providers(),
    now: () => ws.now(),
    ticks: () => performance.now(),
    sleep: LISTING_RETRY.sleep,
    random: Math.random,
    rateLimit: ws.rateLimit,
    identity: ws.identity,
  });
  const problems = [...result.refused, ...result.failed.map((f) => `${f.key}: ${f.error}`), ...(result.stopped ? [result.stopped.reason] : [])];
  if (problems.length)
    io.stderr.write(
      `error: the state did not record the imported tasks:\n${problems.map((p) => `  - ${p}`).join("\n")}\n  the files are written: the next push apply adopts the tasks (state only)\n`,
    );
  return { outcomes, recorded: problems.length === 0 };
}

function report(outcomes: Outcome[], addedApps: string[], filepath: string, io: CliIO): void {
  if (!outcomes.length) {
    io.stdout.write("Nothing to import: every scheduled task the providers list for the config's apps is managed by push.\n");
    return;
  }
  for (const o of outcomes) {
    const what = `${behaviourOf(o.remote.appRef).appTitle(o.remote.appRef)}, task ${o.remote.remoteId}${o.remote.title ? ` "${o.remote.title}"` : ""}`;
    if (isWritten(o)) io.stdout.write(`imported      ${what} -> ${relative(io.cwd, o.file)} (campaign ${o.id}, app ${o.app})\n`);
    else io.stderr.write(`not imported  ${what}: ${o.cannot}\n    hint: ${o.hint}\n`);
  }
  for (const name of addedApps) io.stdout.write(`added app     ${name} to ${relative(io.cwd, filepath)}\n`);
  const done = outcomes.filter(isWritten).length;
  io.stdout.write(
    `\nImport: ${done} of ${outcomes.length} task(s) imported${done ? ": the state records them, the provider was not called; commit the files, and push plan shows no change for them" : ""}.\n`,
  );
}
