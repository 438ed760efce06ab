import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emasAt, emulatorAt, keys, mpaasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
/** No "push: internal error", no stack frame. */
const noTrace = (text: string) => expect(text).not.toMatch(/internal error|\n\s+at /);

describe("plan when the provider cannot be asked", () => {
  it("names the provider, the code, the request id and the fix for a wrong secret, and exits 1", async () => {
    const { emulator } = await emulatorAt(NOW);
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") }, { endpoint: emulator.url, env: keys(emulator) });
    expect((await p.push(NOW, "apply", "--auto-approve")).code).toBe(0);
    p.setEnv(keys(emulator, "wrong"));
    for (const command of [["plan"], ["apply", "--auto-approve"], ["plan", "--format", "json"]]) {
      const run = await p.push(NOW, ...command);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(
        /error\[refresh-failed\]: cannot list the scheduled tasks of app "shop": emas QueryPushRecords failed: SignatureDoesNotMatch: .*\(request id [0-9A-F-]{36}\)/,
      );
      expect(run.stderr).toContain("hint: check ALIBABA_CLOUD_ACCESS_KEY_SECRET");
      expect(run.stderr).toContain("Nothing was planned or sent");
      noTrace(run.stderr);
    }
    const json = await p.push(NOW, "plan", "--format", "json");
    expect(JSON.parse(json.stdout).diagnostics[0]).toMatchObject({ severity: "error", code: "refresh-failed" });
  });

  it("says the endpoint did not answer when nothing listens there any more", async () => {
    const { emulator } = await emulatorAt(NOW);
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") }, { endpoint: emulator.url, env: keys(emulator) });
    await p.push(NOW, "apply", "--auto-approve");
    await emulator.close();
    const run = await p.push(NOW, "plan");
    expect(run.code).toBe(1);
    const port = new URL(emulator.url).port;
    expect(run.stderr).toContain(
      `error[refresh-failed]: cannot list the scheduled tasks of app "shop": emas QueryPushRecords failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port} (POST ${emulator.url.replace(/\/?$/, "/")}) (no request id: no reply came from the provider)`,
    );
    expect(run.stderr).toContain(
      `error[refresh-failed]: cannot list the scheduled tasks of app "wallet": mpaas QueryPushSchedulerList failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port} (POST`,
    );
    expect(run.stderr).toContain("no reply after 6 attempts: check the config's endpoint");
    noTrace(run.stderr);
  }, 60_000);
});

describe("plan --out", () => {
  it("creates a missing folder for the plan file", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z") });
    const run = await p.push(NOW, "plan", "--out", "build/plans/p.json");
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(p.root, "build/plans/p.json"), "utf8"))).toMatchObject({ formatVersion: 4, summary: { create: 1 } });
  });

  it("refuses a path it cannot write with a diagnostic, and prints no plan", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("a", "2026-06-03T10:00:00Z"), afile: "" });
    for (const format of ["text", "json"]) {
      const run = await p.push(NOW, "plan", "--out", "afile/p.json", "--format", format);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("error[plan-out]: cannot write the plan to afile/p.json: afile is a file, not a folder");
      noTrace(run.stderr);
      if (format === "text") expect(run.stdout).toBe("");
      else expect(JSON.parse(run.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["plan-out"]);
    }
    expect(existsSync(join(p.root, "afile/p.json"))).toBe(false);
    expect((await p.push(NOW, "plan", "--out", "afile/deeper/p.json")).stderr).toContain(
      "cannot write the plan to afile/deeper/p.json: afile is a file, not a folder",
    );
    expect((await p.push(NOW, "plan", "--out", "campaigns")).stderr).toContain("cannot write the plan to campaigns: campaigns is a folder, not a file");
  });
});

describe("plan diagnostics", () => {
  const file = [emasAt("first", "2026-06-03T10:00:00Z"), mpaasAt("late", "2026-05-20T10:00:00Z"), emasAt("night", "2026-06-02T23:30:00")].join("---\n");

  it("point at the schedule field of the campaign they are about, in a file of several", async () => {
    const p = planProject({ "campaigns/a.yaml": file });
    const run = await p.push(NOW, "plan");
    expect(run.code).toBe(1);
    // `late` is the second document: its `schedule.at` value is on line 11.
    expect(run.stderr).toContain("campaigns/a.yaml:11:16: error[schedule-in-past]: late would first send at 2026-05-20T10:00:00Z");
    expect(run.stderr).toContain("campaigns/a.yaml:17:16: warning[quiet-hours]: night sends at 23h in Asia/Shanghai");
    expect(run.stderr).toMatch(/> 11 \| schedule: \{at: "2026-05-20T10:00:00Z"\}\n\s+\|\s+\^+/);
  });

  it("count the campaigns in their summary line", async () => {
    const p = planProject({ "campaigns/a.yaml": file.replace("2026-05-20", "2026-06-05") });
    const run = await p.push(NOW, "plan");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("0 errors, 1 warning in 1 file (3 campaigns)");
  });

  it("come as a JSON document on stdout with --format json when there is no plan", async () => {
    const p = planProject({ "campaigns/a.yaml": file });
    const run = await p.push(NOW, "plan", "--format", "json");
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "error", code: "schedule-in-past", file: "campaigns/a.yaml", line: 11, column: 16 }),
    );
    expect(doc.summary).toEqual({ errors: 1, warnings: 1, files: 1, campaigns: 3 });
  });

  it("come as a Markdown comment with --format markdown when there is no plan, saying nothing was planned", async () => {
    const p = planProject({ "campaigns/a.yaml": file });
    const run = await p.push(NOW, "plan", "--format", "markdown");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^### push plan: nothing was planned\n\n1 error, 1 warning in 1 file \(3 campaigns\)\. Nothing is planned or sent until the errors are fixed\.\n\n#### Diagnostics\n\n/,
    );
    expect(run.stdout).toContain(
      "- :x: **error** `schedule-in-past` at `campaigns/a.yaml:11:16`: late would first send at 2026-05-20T10:00:00Z, which is in the past (now 2026-06-01T00:00:00.000Z)\n  - hint: move the schedule into the future, or remove the schedule to send when applied\n",
    );
    expect(run.stdout).toContain("- :warning: **warning** `quiet-hours` at `campaigns/a.yaml:17:16`: night sends at 23h in Asia/Shanghai");
    expect(run.stdout.indexOf(":x:")).toBeLessThan(run.stdout.indexOf(":warning:"));
  });

  it("point an already-sent warning at the campaign's id", async () => {
    const p = planProject({ "campaigns/a.yaml": `# comment\n${emasAt("s", "2026-06-03T10:00:00Z")}` });
    await p.push(NOW, "apply", "--auto-approve");
    p.write("campaigns/a.yaml", `# comment\n${emasAt("s", "2026-06-03T10:00:00Z").replace("body: B", "body: changed")}`);
    const run = await p.push("2026-06-04T00:00:00Z", "plan");
    expect(run.stderr).toContain("campaigns/a.yaml:2:5: warning[already-sent]: s changed, but it was sent at 2026-06-03T10:00:00Z");
    expect(run.stderr).toContain("this warning repeats on every plan until the campaign matches what was sent");
  });

  it("lint once per campaign and rule, naming how many tasks they concern", async () => {
    const daily = `id: d\napp: shop\ntarget: {platform: all, devices: [d1]}\nnotification: {title: ${"x".repeat(45)}, body: b}\nschedule: {every: day, time: "23:00:00", until: 2026-06-30}\n`;
    const p = planProject({ "campaigns/a.yaml": daily });
    const run = await p.push(NOW, "plan");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.match(/warning\[/g)).toHaveLength(2);
    expect(run.stderr).toContain(
      "warning[quiet-hours]: d (7 tasks, the first d@2026-06-01T15:00:00Z) sends at 23h in Asia/Shanghai, inside quiet hours (22:00-08:00)",
    );
    expect(run.stderr).toContain("warning[title-truncation]: d (7 tasks, the first d@2026-06-01T15:00:00Z): a title of 45 characters is likely cut");
  });
});
