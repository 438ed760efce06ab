import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runPush, tempProject } from "../support/cli.js";

const RC = JSON.stringify({
  apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } },
  endpoint: "local",
});
const NOW = ["--now", "2026-06-01T00:00:00Z"];
const scheduled = (id: string, title: string, extra = "") =>
  `id: ${id}\napp: shop\ntarget: {platform: ios, devices: [device-id]}\nnotification: {title: ${title}, body: B}\nschedule: {at: 2026-06-03T10:00:00Z}\n${extra}`;
const immediate = (id: string, title: string) => `id: ${id}\napp: wallet\ntarget: {users: [user1024]}\nnotification: {title: ${title}, body: B}\n`;

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function project(files: Record<string, string>) {
  const p = tempProject({ ".pushrc.json": RC, "package.json": "{}", ...files });
  cleanups.push(p.cleanup);
  const push = (...args: string[]) =>
    runPush([...args, ...NOW], { cwd: p.root, env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "ak-e2e", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-e2e-DO-NOT-LEAK" } });
  return { root: p.root, push };
}

describe("plan and apply against the embedded emulator", () => {
  it("creates, then shows no changes; an edit plans a replace, a deletion a cancel", async () => {
    const p = project({
      "campaigns/a.yaml": scheduled("reminder", "One"),
      "campaigns/b.yaml": scheduled("other", "Two"),
      "campaigns/c.yaml": immediate("now", "Hi"),
    });
    const first = await p.push("plan", "--detailed-exitcode");
    expect(first.code, first.stderr).toBe(2);
    expect(first.stdout).toContain("Plan: 3 to create, 0 to replace, 0 to cancel.");
    expect((await p.push("apply", "--auto-approve")).stdout).toContain("Apply complete: 3 created, 0 replaced, 0 cancelled, 0 failed.");
    const quiet = await p.push("plan", "--detailed-exitcode");
    expect(quiet).toMatchObject({ code: 0 });
    expect(quiet.stdout).toContain("No changes.");

    writeFileSync(join(p.root, "campaigns/a.yaml"), scheduled("reminder", "One edited"));
    rmSync(join(p.root, "campaigns/b.yaml"));
    writeFileSync(join(p.root, "campaigns/c.yaml"), immediate("now", "Hi again"));
    const changed = await p.push("plan", "--detailed-exitcode");
    expect(changed.code, changed.stderr).toBe(2);
    expect(changed.stdout).toMatch(/Cancellations[^\n]*\n\s+- cancel\s+other/);
    expect(changed.stdout).toContain("-/+ replace reminder");
    expect(changed.stdout).toContain('~ PushTask.Notification.Title: "One" -> "One edited"');
    expect(changed.stdout).toContain("Already sent");
    expect(changed.stderr).toContain("warning[already-sent]");
    expect((await p.push("apply", "--auto-approve")).stdout).toContain("Apply complete: 0 created, 1 replaced, 1 cancelled, 0 failed.");
    expect((await p.push("plan", "--detailed-exitcode")).code).toBe(0);

    const history = await p.push("state", "history");
    expect(history.stdout.match(/apply [0-9a-f]{16}/g)).toHaveLength(2);
    const list = await p.push("state", "list");
    expect(list.stdout).toMatch(/^KEY\s+PROVIDER\s+APP\s+STATUS\s+REMOTE ID\s+SEND AT/);
    expect(list.stdout).toMatch(/other\s+emas\s+shop\s+cancelled\s+\d{17}/);
    expect(JSON.parse((await p.push("state", "show", "reminder")).stdout)).toMatchObject({
      key: "reminder",
      status: "scheduled",
      remoteId: expect.stringMatching(/^\d{17}$/),
    });
    expect((await p.push("state", "rm", "other")).stdout).toContain("forgot 1 task(s); the provider was not called");
    expect((await p.push("state", "show", "other")).code).toBe(1);
    const entries = JSON.parse((await p.push("state", "history", "--format", "json")).stdout) as Array<{ command: string; plan?: string }>;
    expect(entries.map((h) => h.command)).toContain("state rm");
    // apply names the plan it carried out in its own field, which the already-applied check reads.
    for (const h of entries.filter((e) => e.command.startsWith("apply "))) expect(h.plan).toBe(h.command.slice("apply ".length));
    for (const file of [".push/state.json", ".push/emulator.json"]) expect(readFileSync(join(p.root, file), "utf8")).not.toContain("secret-e2e-DO-NOT-LEAK");
    for (const run of [first, quiet, changed, history, list]) expect(run.stdout + run.stderr).not.toContain("secret-e2e-DO-NOT-LEAK");
  });

  it("refuses a saved plan that is stale or already applied, and applies a fresh one once", async () => {
    const p = project({ "campaigns/a.yaml": scheduled("reminder", "One") });
    expect((await p.push("plan", "--out", "plan.json")).code).toBe(0);
    expect(readFileSync(join(p.root, "plan.json"), "utf8")).not.toContain("secret-e2e");
    expect((await p.push("apply", "plan.json")).stdout).toContain("1 created");
    const again = await p.push("apply", "plan.json");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("the state changed since the plan was made");
    expect(again.stderr).toMatch(/plan [0-9a-f]{16} was applied already/);
  });

  it("refuses a saved plan whose earliest send time has passed, and a past schedule", async () => {
    const p = project({ "campaigns/a.yaml": scheduled("reminder", "One") });
    await p.push("plan", "--out", "plan.json");
    const late = await runPush(["apply", "plan.json", "--now", "2026-06-04T00:00:00Z"], { cwd: p.root });
    expect(late.stderr).toContain("earliest send time 2026-06-03T10:00:00Z has passed");
    const past = await runPush(["plan", "--now", "2026-06-04T00:00:00Z"], { cwd: p.root });
    expect(past.code).toBe(1);
    expect(past.stderr).toContain("error[schedule-in-past]");
  });

  it("never cancels a protected campaign, and never prompts without a terminal", async () => {
    const p = project({ "campaigns/a.yaml": scheduled("reminder", "One", "protect: true\n") });
    await p.push("apply", "--auto-approve");
    writeFileSync(join(p.root, "campaigns/a.yaml"), scheduled("reminder", "Two", "protect: true\n"));
    // The edit is shown as a blocked change, with what it would change, and counts as a change (issue 12, item 7).
    const blocked = await p.push("plan", "--detailed-exitcode");
    expect(blocked.code).toBe(2);
    expect(blocked.stdout).toContain("Blocked by protect: true:\n  replace reminder: protect: true: this edit is not sent");
    expect(blocked.stdout).toMatch(/~ PushTask\.Notification\.Title: "One" -> "Two"|~ PushTask\.Notification\.Body: "One" -> "Two"/);
    expect(blocked.stdout).toContain("No changes carried out: 1 change(s) blocked by protect: true.");
    expect(blocked.stdout).not.toContain("No changes.");
    writeFileSync(join(p.root, "campaigns/a.yaml"), scheduled("reminder", "Three"));
    const noTty = await p.push("apply");
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toContain("no terminal to confirm on");
  });
});
