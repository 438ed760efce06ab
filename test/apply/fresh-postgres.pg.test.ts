/**
 * A lost PostgreSQL state (issue 12): a fresh, empty schema on CI (CI set), past the token window, against the
 * provider the first state's applies reached. Everything that was made is adopted; nothing is created twice.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { emulatorAt, keys, planProject } from "../cli/plan-project.js";

const url = inject("pgUrl");
const T0 = "2026-06-01T00:00:00Z";
const LATER = "2026-06-01T01:00:00Z";
const files = {
  "campaigns/now.yaml": "id: hello\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: Hello, body: Welcome}\n",
  "campaigns/at.yaml":
    'id: sale\napp: shop\ntarget: {platform: ios, devices: [d2]}\nnotification: {title: Sale, body: Off}\nschedule: {at: "2026-06-03T10:00:00Z"}\n',
  "campaigns/m.yaml":
    'id: weekly\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: Weekly, body: Report}\nschedule: {every: week, on: [mon], time: "10:00", from: "2026-06-01", until: "2026-06-29"}\n',
};

describe("a lost PostgreSQL state", () => {
  it("is rebuilt from the provider: a fresh schema adopts what the lost one had made", async () => {
    const { emulator } = await emulatorAt(T0);
    const rc = (schema: string) =>
      JSON.stringify({
        apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } },
        endpoint: emulator.url,
        state: { backend: "postgres", url, schema },
      });
    const env = { ...keys(emulator), CI: "true" };
    const first = planProject({ ...files, ".pushrc.json": rc(`a_${randomBytes(5).toString("hex")}`) }, { env });
    expect((await first.push(T0, "apply", "--auto-approve")).stdout).toContain("Apply complete: 3 created");

    const second = planProject({ ...files, ".pushrc.json": rc(`b_${randomBytes(5).toString("hex")}`) }, { env });
    const plan = await second.push(LATER, "plan");
    expect(plan.stderr).not.toContain("state-ephemeral"); // PostgreSQL is shared by runners: no CI refusal
    expect(plan.stdout).toContain("Plan: 0 to create, 0 to replace, 0 to cancel, 3 to adopt (state only).");
    expect((await second.push(LATER, "apply", "--auto-approve")).stdout).toContain("0 created, 0 replaced, 0 cancelled, 0 failed; 3 adopted.");
    expect((await second.push(LATER, "plan")).stdout).toContain("No changes.");
  });
});
