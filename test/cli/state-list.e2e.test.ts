import { describe, expect, it } from "vitest";
import { runPush } from "../support/cli.js";
import { emasAt, planProject } from "./plan-project.js";

describe("push state list", () => {
  it("shows a scheduled one-off whose time has passed as sent, with a note, and leaves the JSON as recorded", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("soon", "2026-06-03T10:00:00Z") });
    await p.push("2026-06-01T00:00:00Z", "apply", "--auto-approve");
    const list = (now: string, ...format: string[]) => runPush(["state", "list", ...format], { cwd: p.root, env: { PUSH_NOW: now } });
    expect((await list("2026-06-02T00:00:00Z")).stdout).toMatch(/soon\s+emas\s+shop\s+scheduled\s+\d{17}\s+2026-06-03T10:00:00Z\n1 task/);
    const later = (await list("2026-06-04T00:00:00Z")).stdout;
    expect(later).toMatch(/soon\s+emas\s+shop\s+sent\*\s+\d{17}/);
    expect(later).toContain("* recorded as scheduled; its send time has passed (push plan asks the provider)");
    expect(JSON.parse((await list("2026-06-04T00:00:00Z", "--format", "json")).stdout).tasks[0].status).toBe("scheduled");
  });
});
