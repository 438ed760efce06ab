import { describe, expect, it } from "vitest";
import { emasAt, emulatorAt, keys, mpaasAt, planProject } from "../cli/plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const EMAS = { provider: "emas", appKey: 233586006 } as const;
const MPAAS = { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } as const;

describe("a task cancelled outside push", () => {
  it("is created anew with idempotency values of its own, recorded with its new id, and the plan converges", async () => {
    const { emulator, providers } = await emulatorAt(NOW);
    const p = planProject(
      { "campaigns/a.yaml": [emasAt("a-task", "2026-06-03T10:00:00Z"), mpaasAt("a-task2", "2026-06-03T10:00:00Z")].join("---\n") },
      { endpoint: emulator.url, env: keys(emulator) },
    );
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("2 created");
    const first = p.state().tasks;
    await providers.emas.cancel({ appRef: EMAS, remoteId: first["a-task"]!.remoteId! });
    await providers.mpaas.cancel({ appRef: MPAAS, remoteId: first["a-task2"]!.remoteId! });

    const drift = await p.push(NOW, "plan");
    expect(drift.stdout).toMatch(
      /Drift \(changed outside push\):\n {2}a-task {2}\d+ {2}cancelled outside push\n {2}a-task2 {2}[0-9a-f]+ {2}no longer listed by the provider/,
    );
    expect(drift.stdout).toContain("Plan: 2 to create");
    expect(drift.stdout).toContain("recorded as cancelled: create again, with idempotency values of its own");

    const applied = await p.push(NOW, "apply", "--auto-approve");
    expect(applied.stdout, applied.stderr).toContain("Apply complete: 2 created, 0 replaced, 0 cancelled, 0 failed.");
    const second = p.state().tasks;
    for (const key of ["a-task", "a-task2"]) {
      expect(second[key]).toMatchObject({ status: "scheduled", generation: 1 });
      expect(second[key]!.remoteId).not.toBe(first[key]!.remoteId);
      expect(second[key]!.idempotencyKey).not.toBe(first[key]!.idempotencyKey);
    }
    const quiet = await p.push(NOW, "plan", "--detailed-exitcode");
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(quiet.stdout).toContain("No changes.");

    const emas = (await providers.emas.listScheduled({ appRef: EMAS, from: "2026-06-01T00:00:00Z", to: "2026-06-07T00:00:00Z" })).tasks;
    expect(emas.map((t) => [t.remoteId, t.status])).toEqual([
      [first["a-task"]!.remoteId, "cancelled"],
      [second["a-task"]!.remoteId, "scheduled"],
    ]);
    const mpaas = (await providers.mpaas.listScheduled({ appRef: MPAAS, from: "2026-06-01T00:00:00Z", to: "2026-06-07T00:00:00Z" })).tasks;
    expect(mpaas.map((t) => t.remoteId)).toEqual([second["a-task2"]!.remoteId]);
  });

  it("after a replace and a change back, the restored content is created, not answered with the cancelled task", async () => {
    const p = planProject({ "campaigns/a.yaml": emasAt("flip", "2026-06-03T10:00:00Z") + "---\n" + mpaasAt("mflip", "2026-06-03T10:00:00Z") });
    await p.push(NOW, "apply", "--auto-approve");
    const original = p.state().tasks;
    p.write("campaigns/a.yaml", (emasAt("flip", "2026-06-03T10:00:00Z") + "---\n" + mpaasAt("mflip", "2026-06-03T10:00:00Z")).replaceAll("body: B", "body: C"));
    expect((await p.push(NOW, "apply", "--auto-approve")).stdout).toContain("2 replaced");
    p.write("campaigns/a.yaml", emasAt("flip", "2026-06-03T10:00:00Z") + "---\n" + mpaasAt("mflip", "2026-06-03T10:00:00Z"));
    const back = await p.push(NOW, "apply", "--auto-approve");
    expect(back.stdout, back.stderr).toContain("0 created, 2 replaced, 0 cancelled, 0 failed");
    const restored = p.state().tasks;
    expect(restored.flip!.remoteId).not.toBe(original.flip!.remoteId);
    expect(restored.mflip!.status).toBe("scheduled");
    expect((await p.push(NOW, "plan", "--detailed-exitcode")).code).toBe(0);
  });
});
