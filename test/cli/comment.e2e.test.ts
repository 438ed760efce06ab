/**
 * The living pull-request comment (issue 13) against a local double of the GitHub endpoints push uses, which records
 * every request: created once, updated in place, older ones minimized as outdated, one per environment, and the
 * apply's outcome added to it after the merge. No GitHub is reachable from here; the calls are asserted exactly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { emasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";

interface Recorded {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
}

/** The few GitHub endpoints push calls, with comments kept in memory, and every request recorded. */
async function githubDouble(pr = 7) {
  const comments: Array<{ id: number; node_id: string; body: string; user: { login: string } }> = [];
  const requests: Recorded[] = [];
  let next = 100;
  let branch = false;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    const path = req.url ?? "";
    requests.push({ method: req.method ?? "", path, body });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.method === "GET" && path.startsWith(`/repos/o/r/issues/${pr}/comments`)) return send(200, comments);
    if (req.method === "POST" && path === `/repos/o/r/issues/${pr}/comments`) {
      const created = { id: next, node_id: `IC_${next++}`, body: String(body!.body), user: { login: "github-actions[bot]" } };
      comments.push(created);
      return send(201, created);
    }
    const update = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(path);
    if (req.method === "PATCH" && update) {
      const found = comments.find((c) => c.id === Number(update[1]))!;
      found.body = String(body!.body);
      return send(200, found);
    }
    if (req.method === "POST" && path === "/graphql") return send(200, { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } });
    if (req.method === "GET" && /^\/repos\/o\/r\/commits\/\w+\/pulls/.test(path)) return send(200, [{ number: pr }]);
    if (req.method === "GET" && path === "/repos/o/r/git/ref/heads%2Fpush-previews")
      return branch ? send(200, { ref: "refs/heads/push-previews" }) : send(404, { message: "Not Found" });
    if (req.method === "POST" && path === "/repos/o/r/git/refs") {
      branch = true;
      return send(201, { ref: body!.ref });
    }
    if (req.method === "PUT" && path.startsWith("/repos/o/r/contents/")) return send(201, { content: { path }, commit: { sha: `c0mmit${next++}` } });
    send(404, { message: "Not Found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  const calls = () => requests.splice(0).map((r) => `${r.method} ${r.path.replace(/\?.*$/, "")}`);
  return { url, comments, requests, calls };
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("push comment", () => {
  it("keeps one living comment per pull request and environment, and adds the apply outcome after the merge", async () => {
    const gh = await githubDouble();
    const env = (sha: string) => ({ GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: "o/r", GITHUB_SHA: sha, GITHUB_API_URL: gh.url });
    const p = planProject({ "campaigns/a.yaml": emasAt("sale", "2026-06-03T10:00:00Z") }, { env: env("aaaaaaa111") });
    p.write(".pushrc.json", JSON.stringify({ apps: { shop: { provider: "emas", appKey: 233586006 } }, endpoint: "local", environments: { staging: {} } }));
    expect((await p.push(NOW, "plan", "--out", "plan.json")).code).toBe(0);
    gh.comments.push({ id: 1, node_id: "IC_1", body: "LGTM", user: { login: "reviewer" } });

    const first = await p.push(NOW, "comment", "--plan", "plan.json", "--pr", "7");
    expect(first.stdout, first.stderr).toContain("created comment 100");
    expect(gh.calls()).toEqual(["GET /repos/o/r/issues/7/comments", "POST /repos/o/r/issues/7/comments"]);
    expect(gh.comments[1]!.body).toMatch(/^<!-- push:plan env=default -->\n\*\*push plan\*\* for the default environment at aaaaaaa\n\n### push plan/);

    p.setEnv(env("bbbbbbb222"));
    const second = await p.push(NOW, "comment", "--plan", "plan.json", "--pr", "7");
    expect(second.stdout).toContain("updated comment 100");
    expect(gh.calls()).toEqual(["GET /repos/o/r/issues/7/comments", "PATCH /repos/o/r/issues/comments/100"]);
    expect(gh.comments[1]!.body).toContain("at bbbbbbb");
    expect(gh.comments[0]!.body).toBe("LGTM");

    // A second comment of this environment (a race, an older version): the newest is updated, the older hidden.
    gh.comments.push({ id: 200, node_id: "IC_200", body: "<!-- push:plan env=default -->\nold", user: { login: "github-actions[bot]" } });
    const third = await p.push(NOW, "comment", "--plan", "plan.json", "--pr", "7");
    expect(third.stdout).toContain("updated comment 200; 1 older plan comment(s) minimized as outdated");
    const minimize = JSON.stringify(gh.requests.find((r) => r.path === "/graphql")?.body);
    expect(minimize).toContain("minimizeComment");
    expect(minimize).toContain("IC_100");
    expect(minimize).toContain("OUTDATED");
    expect(gh.calls()).toEqual(["GET /repos/o/r/issues/7/comments", "POST /graphql", "PATCH /repos/o/r/issues/comments/200"]);

    // Another environment has a comment of its own.
    expect((await p.push(NOW, "--env", "staging", "plan", "--out", "staging.json")).code).toBe(0);
    const staging = await p.push(NOW, "--env", "staging", "comment", "--plan", "staging.json", "--pr", "7");
    expect(staging.stdout).toContain("created comment 101");
    expect(gh.comments.at(-1)!.body).toMatch(/^<!-- push:plan env=staging -->\n\*\*push plan\*\* for `--env staging`/);
    gh.calls();

    // After the merge: the apply's outcome goes into the same comment, found through the merge commit.
    p.setEnv(env("ccccccc333"));
    p.write("apply.txt", "Apply complete: 1 created, 0 replaced, 0 cancelled, 0 failed.\n");
    const applied = await p.push(NOW, "comment", "--applied", "apply.txt");
    expect(applied.stdout).toContain("added the apply outcome to comment 200");
    expect(gh.calls()).toEqual(["GET /repos/o/r/commits/ccccccc333/pulls", "GET /repos/o/r/issues/7/comments", "PATCH /repos/o/r/issues/comments/200"]);
    const living = gh.comments.find((c) => c.id === 200)!.body;
    expect(living).toContain("### Applied at ccccccc: :white_check_mark: applied\n\n```text\nApply complete: 1 created");
    expect(living.indexOf("### push plan")).toBeLessThan(living.indexOf("### Applied"));
  });

  it("takes the pull request and its head commit from the event (GITHUB_SHA is GitHub's merge commit there)", async () => {
    const gh = await githubDouble(12);
    const p = planProject({ "campaigns/a.yaml": emasAt("sale", "2026-06-03T10:00:00Z") });
    await p.push(NOW, "plan", "--out", "plan.json");
    p.write("event.json", JSON.stringify({ pull_request: { number: 12, head: { sha: "feedface99" } } }));
    p.setEnv({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r", GITHUB_SHA: "merge00000", GITHUB_API_URL: gh.url, GITHUB_EVENT_PATH: `${p.root}/event.json` });
    const run = await p.push(NOW, "comment", "--plan", "plan.json");
    expect(run.stdout, run.stderr).toContain("created comment 100");
    expect(gh.comments[0]!.body).toContain("for the default environment at feedfac\n");
  });

  it("says what is missing outside GitHub Actions, and what GitHub answered when it refuses", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("sale", "2026-06-03T10:00:00Z") });
    await p.push(NOW, "plan", "--out", "plan.json");
    const outside = await p.push(NOW, "comment", "--plan", "plan.json");
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain("error: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_SHA not set");
    const gh = await githubDouble(8);
    p.setEnv({ GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r", GITHUB_SHA: "abc", GITHUB_API_URL: gh.url });
    const refused = await p.push(NOW, "comment", "--plan", "plan.json", "--pr", "9");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error: GitHub refused the comment: Not Found");
  });

  it("shows the PNG previews from the push-previews branch, each by the commit that holds it, and links the HTML artifact", async () => {
    const gh = await githubDouble();
    const env = {
      GITHUB_TOKEN: "t",
      GITHUB_REPOSITORY: "o/r",
      GITHUB_SHA: "ddddddd444",
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: "https://github.example",
      GITHUB_RUN_ID: "99",
    };
    const p = planProject(
      { "campaigns/a.yaml": emasAt("sale", "2026-06-03T10:00:00Z"), "previews/sale.png": "PNG-BYTES", "previews/sale.html": "<html>" },
      { env },
    );
    await p.push(NOW, "plan", "--out", "plan.json");
    const run = await p.push(NOW, "comment", "--plan", "plan.json", "--pr", "7", "--previews", "previews");
    expect(run.stdout, run.stderr).toContain("created comment 101");
    const calls = gh.requests.map((r) => `${r.method} ${r.path.replace(/\?.*$/, "")}`);
    expect(calls).toEqual([
      "GET /repos/o/r/git/ref/heads%2Fpush-previews",
      "POST /repos/o/r/git/refs",
      "PUT /repos/o/r/contents/pr-7%2Fdefault%2Fddddddd%2Fsale.png", // octokit escapes the path, as GitHub takes it
      "GET /repos/o/r/issues/7/comments",
      "POST /repos/o/r/issues/7/comments",
    ]);
    const put = gh.requests[2]!.body!;
    expect([put.branch, Buffer.from(String(put.content), "base64").toString()]).toEqual(["push-previews", "PNG-BYTES"]);
    expect(gh.requests[1]!.body).toEqual({ ref: "refs/heads/push-previews", sha: "ddddddd444" });
    const body = gh.comments[0]!.body;
    expect(body).toContain('<img src="https://github.example/o/r/blob/c0mmit100/pr-7/default/ddddddd/sale.png?raw=true" alt="sale" width="720">');
    expect(body).toContain("[the workflow run's artifacts](https://github.example/o/r/actions/runs/99)");
  });
});
