/**
 * Recovery that does not lean on the 15-minute token (issue 12, item 2): every reply lost, the rerun runs after
 * the token window, and every unknown outcome is settled against the provider's listing by what the task is, never
 * by its time alone. Several mPaaS tasks at one instant each find their own; a pending create whose campaign left
 * the plan is cancelled, not forgotten.
 */
import { describe, expect, it } from "vitest";
import { emulatorAt, keys, listedTasks, planProject } from "../cli/plan-project.js";

const T0 = "2026-06-01T00:00:00Z";
const LATER = "2026-06-01T00:30:00Z";
const AT = "2026-06-03T10:00:00Z";
const mpaas = (id: string, title: string) =>
  `id: ${id}\napp: wallet\ntarget: {users: [u-${id}]}\nnotification: {title: ${title}, body: B}\nschedule: {at: "${AT}"}\n`;
const emas = (id: string, title: string, at = AT) =>
  `id: ${id}\napp: shop\ntarget: {platform: ios, devices: [d-${id}]}\nnotification: {title: ${title}, body: B}\n${at ? `schedule: {at: "${at}"}\n` : ""}`;

describe("a rerun after every reply was lost, past the token window", () => {
  it("records each task the provider made as its own, creates nothing twice, and cancels the one whose campaign left", async () => {
    const { emulator, providers, setNow } = await emulatorAt(T0);
    const rc = JSON.stringify({
      apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } },
      endpoint: emulator.url,
    });
    const files: Record<string, string> = { ".pushrc.json": rc };
    for (let i = 1; i <= 6; i++) files[`campaigns/m${i}.yaml`] = mpaas(`m${i}`, `Title ${i}`);
    files["campaigns/e1.yaml"] = emas("e1", "Scheduled");
    files["campaigns/e2.yaml"] = emas("e2", "Removed later");
    files["campaigns/now.yaml"] = emas("now", "Right away", "");
    const p = planProject(files, { env: keys(emulator) });
    const listed = () => listedTasks(providers, "2026-05-30T00:00:00Z", "2026-06-06T00:00:00Z");

    emulator.setFaults({ loseReplyRate: 1 });
    const lost = await p.push(T0, "apply", "--auto-approve");
    expect(lost.code).toBe(1);
    const made = await listed();
    expect(made.filter((t) => t.status !== "cancelled")).toHaveLength(9);
    expect(Object.values(p.state().tasks).every((r) => r.status === "pending")).toBe(true);

    emulator.setFaults({});
    setNow(LATER);
    p.remove("campaigns/e2.yaml");
    const rerun = await p.push(LATER, "apply", "--auto-approve");
    expect(rerun.stdout, rerun.stderr).toContain("Apply complete: 0 created, 0 replaced, 1 cancelled, 0 failed; 8 adopted.");
    const after = await listed();
    expect(after.filter((t) => t.status === "scheduled")).toHaveLength(7); // 6 mPaaS + e1; e2 cancelled; now sent
    expect(after.map((t) => t.remoteId).sort()).toEqual(made.map((t) => t.remoteId).sort()); // nothing new
    // Each mPaaS campaign's record names the task with its own title, though all six send at one instant.
    const state = p.state();
    for (let i = 1; i <= 6; i++) {
      const remote = after.find((t) => t.remoteId === state.tasks[`m${i}`]!.remoteId)!;
      expect(remote.title).toBe(`Title ${i}`);
    }
    expect(state.tasks.e2?.status).toBe("cancelled");
    expect(state.tasks.now?.status).toBe("sent");
    expect((await p.push(LATER, "plan")).stdout).toContain("No changes.");
  }, 180_000); // every reply lost: the first apply retries each create with backoff before it gives up
});
