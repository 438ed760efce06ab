/**
 * Rule levels and suppressions through the CLI (issue 14, item 3): a warning made an error, or off, per environment
 * too; `# push-ignore <rule>: <reason>` on the line before a finding; an unused one warned about, one without a
 * reason refused; errors that guard limits cannot be lowered; `push rules` lists them.
 */
import { describe, expect, it } from "vitest";
import { APPS_RC, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
// 23:00 in Shanghai: inside quiet hours.
const late = (extra = "") =>
  `id: late\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: T, body: B}\n${extra}schedule: {at: "2026-06-03T15:00:00Z"}\n`;
const rc = (extra: object) => JSON.stringify({ apps: APPS_RC, endpoint: "local", ...extra });

describe("lint levels", () => {
  it("make a warning an error, or silence it, per environment too", async () => {
    const p = planProject({ "campaigns/a.yaml": late() });
    const plain = await p.push(NOW, "plan");
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("warning[quiet-hours]");

    p.write(".pushrc.json", rc({ lint: { "quiet-hours": "error" }, environments: { staging: { lint: { "quiet-hours": "off" } } } }));
    const strict = await p.push(NOW, "plan");
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("error[quiet-hours]");
    expect((await p.push(NOW, "validate")).code).toBe(0); // a plan lint: validate does not plan
    const staging = await p.push(NOW, "--env", "staging", "plan");
    expect(staging.code, staging.stderr).toBe(0);
    expect(staging.stderr).not.toContain("quiet-hours");
  });

  it("refuse a rule that does not exist and an error lowered", async () => {
    const p = planProject({ "campaigns/a.yaml": late() });
    p.write(".pushrc.json", rc({ lint: { "quiet-hour": "off", "schedule-in-past": "warn" } }));
    const run = await p.push(NOW, "plan");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('lint: "quiet-hour" is not a rule');
    expect(run.stderr).toContain("did you mean `quiet-hours`?");
    expect(run.stderr).toContain("lint.schedule-in-past cannot be warn: schedule-in-past is an error that guards a provider's limit or push's safety");
  });
});

describe("# push-ignore", () => {
  it("suppresses the finding on the next line, with a reason", async () => {
    const p = planProject({ "campaigns/a.yaml": late("# push-ignore quiet-hours: the launch is at midnight on purpose\n") });
    const run = await p.push(NOW, "plan");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("quiet-hours");
    expect(run.stdout).toContain("Plan: 1 to create");
  });

  it("warns about one that suppresses nothing, and refuses one without a reason or for an error", async () => {
    const unused = planProject({ "campaigns/a.yaml": `# push-ignore title-truncation: short titles here\n${late()}` });
    const u = await unused.push(NOW, "plan");
    expect(u.code).toBe(0);
    expect(u.stderr).toContain("warning[suppression]: # push-ignore title-truncation suppresses nothing");
    expect(u.stderr).toContain("warning[quiet-hours]");

    const bare = planProject({ "campaigns/a.yaml": late("# push-ignore quiet-hours\n") });
    const b = await bare.push(NOW, "plan");
    expect(b.code).toBe(1);
    expect(b.stderr).toContain("error[suppression]: # push-ignore quiet-hours has no reason");
    expect(b.stderr).toContain("warning[quiet-hours]");

    const locked = planProject({ "campaigns/a.yaml": `# push-ignore schedule-in-past: trust me\n${late()}` });
    const l = await locked.push(NOW, "validate");
    expect(l.code).toBe(1);
    expect(l.stdout + l.stderr).toContain("schedule-in-past is not a rule that can be suppressed");
  });
});

describe("push rules", () => {
  it("lists every rule with its default and configured level", async () => {
    const p = planProject({ "campaigns/a.yaml": late() });
    p.write(".pushrc.json", rc({ lint: { "title-truncation": "off" } }));
    const json = JSON.parse((await p.push(NOW, "rules", "--format", "json")).stdout) as {
      rules: Array<{ code: string; level: string; configured: string | null }>;
    };
    expect(json.rules.find((r) => r.code === "title-truncation")).toMatchObject({ level: "warn", configured: "off" });
    expect(json.rules.find((r) => r.code === "mpaas-payload-size")).toMatchObject({ level: "error", configured: null });
    expect((await p.push(NOW, "rules")).stdout).toMatch(/quiet-hours +warn +- +a send between 22:00 and 08:00/);
  });
});
