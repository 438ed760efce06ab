/** The messages a new user reads first (issue 9 part 3), through the in-process `push validate`. */
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

const projects: Array<() => void> = [];
afterAll(() => projects.forEach((cleanup) => cleanup()));

async function validate(campaign: string, now = "2026-06-01T00:00:00Z") {
  const { root, cleanup } = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/m.yaml": campaign });
  projects.push(cleanup);
  const json = await runPush(["validate", "--format", "json", "--now", now], { cwd: root });
  const text = await runPush(["validate", "--now", now], { cwd: root });
  const doc = JSON.parse(json.stdout) as {
    diagnostics: Array<{ severity: string; code: string; message: string; hint: string | null; line: number; column: number }>;
  };
  return { code: json.code, diagnostics: doc.diagnostics, text: text.stdout };
}

const CAMPAIGN = "id: m2-tz\napp: shop\ntarget: {devices: [abcdefabcdefabcdefabcdefabcdefab]}\nnotification: {title: T, body: B}\n";

describe("messages", () => {
  it("timezone: PST points at the zone, says it is unknown, suggests the IANA name; no schedule-time error", async () => {
    const run = await validate(`${CAMPAIGN}schedule:\n  at: 2026-06-05T10:00:00\n  timezone: PST\n`);
    expect(run.code).toBe(1);
    expect(run.diagnostics).toHaveLength(1);
    expect(run.diagnostics[0]).toMatchObject({ code: "schedule-timezone", message: 'schedule.timezone: unknown time zone "PST"', line: 7, column: 13 });
    expect(run.diagnostics[0]!.hint).toMatch(/^did you mean `America\/Los_Angeles`\?/);
    const typo = await validate(`${CAMPAIGN}schedule:\n  at: 2026-06-05T10:00:00\n  timezone: Asia/Shangai\n`);
    expect(typo.diagnostics[0]).toMatchObject({ code: "schedule-timezone", line: 7 });
    expect(typo.diagnostics[0]!.hint).toMatch(/^did you mean `Asia\/Shanghai`\?/);
  });
});

describe("a campaign without app", () => {
  it('is one error, not also `app "undefined" is not in the config` over the whole document', async () => {
    const run = await validate(CAMPAIGN.replace("app: shop\n", ""));
    expect(run.code).toBe(1);
    expect(run.diagnostics.map((d) => [d.code, d.message, d.line])).toEqual([["schema-required", "the campaign needs `app`", 1]]);
    expect(run.text).not.toContain("undefined");
  });
});

describe("a send in the past", () => {
  it("validate warns (it knows the clock) and exits 0; plan keeps the error", async () => {
    const campaign = `${CAMPAIGN}schedule: {at: 2026-05-30T10:00:00Z}\n`;
    const run = await validate(campaign);
    expect(run.code).toBe(0);
    expect(run.diagnostics).toEqual([expect.objectContaining({ severity: "warning", code: "schedule-in-past", line: 5, column: 16 })]);
    expect(run.diagnostics[0]!.message).toBe(
      "m2-tz would first send at 2026-05-30T10:00:00Z, which is in the past (now 2026-06-01T00:00:00.000Z): push plan refuses to create it",
    );
    const { root, cleanup } = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/m.yaml": campaign });
    projects.push(cleanup);
    const plan = await runPush(["plan", "--format", "json", "--now", "2026-06-01T00:00:00Z"], { cwd: root });
    expect(plan.code).toBe(1);
    const diagnostics = (JSON.parse(plan.stdout) as { diagnostics: Array<{ severity: string; code: string }> }).diagnostics;
    expect(diagnostics.filter((d) => d.code === "schedule-in-past").map((d) => d.severity)).toEqual(["error"]);
  });
});

describe("compile and plan agree", () => {
  it("on which sends of the example project are deferred (event-reminder: 2025, beyond EMAS's 7-day window of the example's clock)", async () => {
    const { cpSync, mkdtempSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const root = mkdtempSync(join(tmpdir(), "push-agree-"));
    projects.push(() => rmSync(root, { recursive: true, force: true }));
    for (const entry of ["campaigns", "push.config.ts", "package.json"]) cpSync(join(process.cwd(), entry), join(root, entry), { recursive: true });
    const compiled = JSON.parse((await runPush(["compile"], { cwd: root })).stdout) as { tasks: Array<{ key: string }>; deferred: Array<{ campaign: string }> };
    const planned = await runPush(["plan", "--format", "json"], { cwd: root });
    const plan = JSON.parse(planned.stdout) as {
      operations: Array<{ kind: string; key: string }>;
      deferred: Array<{ key: string }>;
      deferredOccurrences: Array<{ campaign: string }>;
    };
    expect(compiled.deferred.map((d) => d.campaign)).toContain("event-reminder");
    expect([...plan.deferred.map((d) => d.key), ...plan.deferredOccurrences.map((d) => d.campaign)].sort()).toEqual(
      compiled.deferred.map((d) => d.campaign).sort(),
    );
    expect(
      plan.operations
        .filter((o) => o.kind === "create")
        .map((o) => o.key)
        .sort(),
    ).toEqual(compiled.tasks.map((t) => t.key).sort());
  });
});
