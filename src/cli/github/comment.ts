/**
 * One living pull-request comment per environment (issue 13; Atlantis keeps one comment per plan and hides the
 * older ones): found by a hidden marker, created once, updated in place on every push to the branch; earlier plan
 * comments of that pull request and environment are minimized as outdated; the apply after the merge adds its
 * outcome to the same comment. Every call goes through @octokit/rest, at GITHUB_API_URL.
 */
import { Octokit } from "@octokit/rest";

export interface CommentTarget {
  owner: string;
  repo: string;
  /** The pull request; null: the one the commit `sha` was merged from (the apply after a merge). */
  pr: number | null;
  env: string | null;
  sha: string;
  token: string;
  apiUrl: string;
  /** The web address of GitHub (GITHUB_SERVER_URL), for links to images and the workflow run. */
  serverUrl: string;
  /** The workflow run (GITHUB_RUN_ID), whose artifacts hold the HTML previews. */
  runId: string | null;
}

interface Listed {
  id: number;
  node_id: string;
  body?: string;
}

/** The hidden line that marks push's plan comment of one environment. */
function marker(env: string | null): string {
  return `<!-- push:plan env=${env ?? "default"} -->`;
}

const APPLIED = "\n\n---\n\n### Applied";

function client(target: CommentTarget): Octokit {
  return new Octokit({ auth: target.token, baseUrl: target.apiUrl, userAgent: "push-campaigns" });
}

/** The pull request a merge commit came from: GitHub's association of the commit with its pull requests. */
async function pullRequestOf(octokit: Octokit, target: CommentTarget): Promise<number | null> {
  if (target.pr !== null) return target.pr;
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: target.owner, repo: target.repo, commit_sha: target.sha });
  return data[0]?.number ?? null;
}

/** This environment's plan comments of the pull request, oldest first. */
async function planComments(octokit: Octokit, target: CommentTarget, pr: number): Promise<Listed[]> {
  const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: target.owner, repo: target.repo, issue_number: pr, per_page: 100 });
  return all.filter((c) => c.body?.includes(marker(target.env)));
}

async function minimize(octokit: Octokit, comments: Listed[]): Promise<void> {
  for (const c of comments)
    await octokit.graphql("mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) { minimizedComment { isMinimized } } }", {
      id: c.node_id,
    });
}

/**
 * The plan comment: `markdown` under the marker and a line naming the commit. Updates the newest comment of this
 * environment in place (or creates one) and minimizes the older ones. Returns the comment's id.
 */
export async function upsertPlanComment(target: CommentTarget, markdown: string): Promise<{ id: number; created: boolean; minimized: number }> {
  const octokit = client(target);
  const pr = await pullRequestOf(octokit, target);
  if (pr === null) throw new Error(`no pull request is associated with commit ${target.sha}: give --pr`);
  const body = `${marker(target.env)}\n**push plan** for ${target.env ? `\`--env ${target.env}\`` : "the default environment"} at ${target.sha.slice(0, 7)}\n\n${markdown}`;
  const existing = await planComments(octokit, target, pr);
  const living = existing.at(-1);
  await minimize(octokit, existing.slice(0, -1));
  if (living) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: living.id, body });
    return { id: living.id, created: false, minimized: existing.length - 1 };
  }
  const { data } = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: pr, body });
  return { id: data.id, created: true, minimized: 0 };
}

/** Adds (or replaces) the apply outcome at the end of the environment's living plan comment. */
export async function appendApplyOutcome(target: CommentTarget, outcome: string, failed: boolean): Promise<{ id: number } | null> {
  const octokit = client(target);
  const pr = await pullRequestOf(octokit, target);
  if (pr === null) return null;
  const living = (await planComments(octokit, target, pr)).at(-1);
  if (!living) return null;
  const plan = (living.body ?? "").split(APPLIED)[0];
  const verdict = failed ? ":x: apply failed" : ":white_check_mark: applied";
  const section = `${APPLIED} at ${target.sha.slice(0, 7)}: ${verdict}\n\n\`\`\`text\n${outcome.trim().slice(-6_000)}\n\`\`\`\n`;
  await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: living.id, body: `${plan}${section}` });
  return { id: living.id };
}

/** The branch that holds the preview images: GitHub shows images in a comment only from URLs. */
const PREVIEW_BRANCH = "push-previews";
/** At most this many images in one comment. */
const MOST_IMAGES = 30;

async function previewBranch(octokit: Octokit, target: CommentTarget): Promise<void> {
  try {
    await octokit.rest.git.getRef({ owner: target.owner, repo: target.repo, ref: `heads/${PREVIEW_BRANCH}` });
  } catch (cause) {
    if ((cause as { status?: number }).status !== 404) throw cause;
    await octokit.rest.git.createRef({ owner: target.owner, repo: target.repo, ref: `refs/heads/${PREVIEW_BRANCH}`, sha: target.sha });
  }
}

/**
 * Commits the PNG previews to the previews branch, under the pull request, environment and commit, and returns the
 * Markdown that shows them (by the commit that holds them, so a later push never changes an older comment's images)
 * with a link to the run's artifact of HTML pages.
 */
export async function uploadPreviews(target: CommentTarget, pngs: Array<{ campaign: string; bytes: Buffer }>): Promise<string> {
  const octokit = client(target);
  const pr = await pullRequestOf(octokit, target);
  await previewBranch(octokit, target);
  const images: string[] = [];
  for (const png of pngs.slice(0, MOST_IMAGES)) {
    const path = `pr-${pr}/${target.env ?? "default"}/${target.sha.slice(0, 7)}/${png.campaign}.png`;
    const { data } = await octokit.rest.repos.createOrUpdateFileContents({
      owner: target.owner,
      repo: target.repo,
      path,
      branch: PREVIEW_BRANCH,
      message: `push previews of pull request #${pr} at ${target.sha.slice(0, 7)}`,
      content: png.bytes.toString("base64"),
    });
    const url = `${target.serverUrl}/${target.owner}/${target.repo}/blob/${data.commit.sha}/${path}?raw=true`;
    images.push(`<details><summary><code>${png.campaign}</code></summary>\n\n<img src="${url}" alt="${png.campaign}" width="720">\n\n</details>`);
  }
  const more = pngs.length > MOST_IMAGES ? `\n\n_${pngs.length - MOST_IMAGES} more in the artifact_` : "";
  const run = target.runId
    ? ` The HTML pages: [the workflow run's artifacts](${target.serverUrl}/${target.owner}/${target.repo}/actions/runs/${target.runId}).`
    : "";
  return `\n\n#### Previews\n\nHow each notification shows on iOS, Android and HarmonyOS.${run}\n\n${images.join("\n")}${more}\n`;
}
