/**
 * `push comment`: the pull-request comment of the GitHub Action (action.yml). With `--plan FILE`, the saved plan
 * as the environment's living comment; with `--applied FILE`, the apply's output added to it. GitHub is read from
 * the Actions environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_API_URL, and the pull request from
 * GITHUB_EVENT_PATH (or `--pr`; after a merge, the pull request the commit came from).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readPlan } from "../../plan/planfile.js";
import { renderPlanMarkdown } from "../../render/plan/markdown.js";
import type { CommentTarget } from "../github/comment.js";
import type { CliIO, ExitCode } from "../io.js";

export interface CommentOptions {
  plan?: string;
  applied?: string;
  failed?: boolean;
  pr?: number;
  env?: string;
  /** A folder written by `push preview --out`: its PNGs go into the comment. */
  previews?: string;
}

/**
 * The pull request of the event that started the workflow, if it is one, and its head commit: on a pull_request
 * event GITHUB_SHA is GitHub's merge commit, not the commit the author pushed.
 */
function eventPullRequest(env: CliIO["env"]): { number: number | null; head: string | null } {
  if (!env.GITHUB_EVENT_PATH) return { number: null, head: null };
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as { pull_request?: { number?: number; head?: { sha?: string } } };
    return { number: event.pull_request?.number ?? null, head: event.pull_request?.head?.sha ?? null };
  } catch {
    return { number: null, head: null };
  }
}

/** The campaigns' PNG previews in a `push preview --out` folder (`<campaign>.png`), by campaign. */
function pngsIn(dir: string): Array<{ campaign: string; bytes: Buffer }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => ({ campaign: f.slice(0, -4), bytes: readFileSync(join(dir, f)) }));
}

/** Where to comment, from the Actions environment, or what is missing. */
function targetOf(options: CommentOptions, io: CliIO): CommentTarget | string {
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = io.env;
  const missing = [!token && "GITHUB_TOKEN", !repository?.includes("/") && "GITHUB_REPOSITORY (owner/name)", !sha && "GITHUB_SHA"].filter(Boolean);
  if (missing.length) return `${missing.join(", ")} not set: push comment runs in GitHub Actions (see action.yml), which sets them`;
  const [owner, repo] = repository!.split("/") as [string, string];
  const event = eventPullRequest(io.env);
  const pr = options.pr ?? event.number;
  return {
    owner,
    repo,
    pr,
    env: options.env ?? null,
    sha: event.head ?? sha!,
    token: token!,
    apiUrl: io.env.GITHUB_API_URL ?? "https://api.github.com",
    serverUrl: io.env.GITHUB_SERVER_URL ?? "https://github.com",
    runId: io.env.GITHUB_RUN_ID ?? null,
  };
}

export async function runCommentCommand(options: CommentOptions, io: CliIO): Promise<ExitCode> {
  if (!options.plan === !options.applied) {
    io.stderr.write("error: push comment takes --plan FILE (a plan saved by push plan --out) or --applied FILE (the output of push apply)\n");
    return 1;
  }
  const target = targetOf(options, io);
  if (typeof target === "string") {
    io.stderr.write(`error: ${target}\n`);
    return 1;
  }
  try {
    return await comment(options, target, io);
  } catch (cause) {
    // Octokit's RequestError names the status and GitHub's message.
    io.stderr.write(`error: GitHub refused the comment: ${(cause as Error).message}\n`);
    return 1;
  }
}

async function comment(options: CommentOptions, target: CommentTarget, io: CliIO): Promise<ExitCode> {
  const { appendApplyOutcome, upsertPlanComment, uploadPreviews } = await import("../github/comment.js");
  if (options.plan) {
    const read = readPlan(readFileSync(resolve(io.cwd, options.plan), "utf8"));
    if ("problems" in read) {
      io.stderr.write(`error: ${options.plan} is not a plan push can show:\n${read.problems.map((p) => `  - ${p}`).join("\n")}\n`);
      return 1;
    }
    const previews = options.previews ? await uploadPreviews(target, pngsIn(resolve(io.cwd, options.previews))) : "";
    const done = await upsertPlanComment(target, renderPlanMarkdown(read.plan) + previews);
    io.stdout.write(
      `${done.created ? "created" : "updated"} comment ${done.id}${done.minimized ? `; ${done.minimized} older plan comment(s) minimized as outdated` : ""}\n`,
    );
    return 0;
  }
  const done = await appendApplyOutcome(target, readFileSync(resolve(io.cwd, options.applied!), "utf8"), Boolean(options.failed));
  io.stdout.write(done ? `added the apply outcome to comment ${done.id}\n` : "no plan comment of this environment to add the apply outcome to\n");
  return 0;
}
