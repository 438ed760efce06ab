/**
 * The CI simulation of issue 12: fresh copies of one project, with no state, against one standalone emulator whose
 * clock moves past EMAS's 15-minute IdempotentToken window between runs. Every task the first copy made is
 * recognised on the provider by the second (adopted, state only): nothing is created twice.
 */
import { describe, expect, it } from "vitest";
import { emulatorAt, keys, listedTasks, planProject } from "../cli/plan-project.js";

const T0 = "2026-06-01T00:00:00Z";
const LATER = "2026-06-01T00:20:00Z"; // past the 15-minute token window
const files = {
  // EMAS: sent when applied, scheduled, a weekly loop (its runs in the window), a continuous push
  "campaigns/now.yaml": "id: hello\napp: shop\ntarget: {platform: ios, devices: [d1, d2]}\nnotification: {title: Hello, body: Welcome aboard}\n",
  "campaigns/at.yaml":
    'id: sale\napp: shop\ntarget: {platform: android, devices: [d3]}\nnotification: {title: Sale, body: Half off}\nschedule: {at: "2026-06-03T10:00:00Z"}\n',
  "campaigns/loop.yaml":
    'id: digest\napp: shop\ntarget: {platform: ios, devices: [d4]}\nnotification: {title: Digest, body: Your week}\nschedule: {every: day, time: "09:00", from: "2026-06-01", until: "2026-06-04", timezone: UTC}\n',
  "campaigns/burst.yaml": "id: burst\napp: shop\ncontinuous: true\ntarget: {platform: ios, devices: [d5, d6]}\nnotification: {title: Burst, body: Flash}\n",
  // mPaaS: a fixed time and a weekly loop (an immediate mPaaS push is not listed: see the README)
  "campaigns/m-at.yaml": 'id: bill\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: Bill, body: Due soon}\nschedule: {at: "2026-06-05T02:00:00Z"}\n',
  "campaigns/m-loop.yaml":
    'id: weekly\napp: wallet\ntarget: {users: [u2]}\nnotification: {title: Weekly, body: Report}\nschedule: {every: week, on: [mon], time: "10:00", from: "2026-06-01", until: "2026-06-29"}\n',
};

describe("a fresh checkout of a project applied elsewhere", () => {
  it("plans no creates and sends nothing again, after the token window", async () => {
    const { emulator, providers, setNow } = await emulatorAt(T0);
    const rc = JSON.stringify({
      apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } },
      endpoint: emulator.url,
    });
    const listed = async () => (await listedTasks(providers, "2026-05-25T00:00:00Z", "2026-07-01T00:00:00Z")).map((t) => t.remoteId).sort();

    const first = planProject({ ...files, ".pushrc.json": rc }, { env: keys(emulator) });
    const applied = await first.push(T0, "apply", "--auto-approve");
    expect(applied.stdout, applied.stderr).toContain("Apply complete: 10 created, 0 replaced, 0 cancelled, 0 failed.");
    const made = await listed();

    setNow(LATER);
    const second = planProject({ ...files, ".pushrc.json": rc }, { env: keys(emulator) });
    const plan = await second.push(LATER, "plan", "--detailed-exitcode");
    // A continuous push's first call stores its content and sends nothing; no listing shows it, so it is made
    // again (harmless: no device receives it). Its batch, which did send, is recognised.
    expect(plan.stdout.match(/\+ create.*/g)).toEqual(["+ create  burst#create  (PushV2, shop)  sends when applied"]);
    expect(plan.stdout).toContain("Plan: 1 to create, 0 to replace, 0 to cancel, 9 to adopt (state only).");
    expect(plan.stdout).toContain("= adopt   hello  (PushV2, shop)  sent as");
    expect(plan.stdout).not.toContain("Unmanaged");
    const adopted = await second.push(LATER, "apply", "--auto-approve");
    expect(adopted.stdout).toContain("Apply complete: 1 created, 0 replaced, 0 cancelled, 0 failed; 9 adopted.");
    expect(await listed()).toEqual(made);
    expect((await second.push(LATER, "plan")).stdout).toContain("No changes.");
    // The first copy's records and the second's name the same provider tasks (but the stored continuous content).
    const ids = (p: typeof first) => Object.fromEntries(Object.values(p.state().tasks).flatMap((r) => (r.key === "burst#create" ? [] : [[r.key, r.remoteId]])));
    expect(ids(second)).toEqual(ids(first));
    expect(Object.keys(ids(second))).toHaveLength(9);
  });
});
