import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { LocalBackend } from "../../src/state/local/backend.js";
import { resources } from "../support/bin.js";
import { tempProject } from "../support/cli.js";

const { emulators: running, cleanups } = resources();

/** Runs the built bin's apply and sends it SIGKILL once its output shows `doneLines` operations done. */
function applyKilledAfter(cwd: string, env: Record<string, string>, doneLines: number): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(process.cwd(), "bin", "push.js"), "apply", "--auto-approve", "--now", "2026-06-01T00:00:00Z"], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if ((out.match(/: done/g) ?? []).length >= doneLines) child.kill("SIGKILL");
    });
    child.on("close", () => resolve(out));
  });
}

describe("an apply killed part way", () => {
  it("leaves a history entry for every task it recorded as created", async () => {
    const emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z"), faults: { latencyMs: 40 } });
    running.push(emulator);
    const campaigns = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `campaigns/c${i}.yaml`,
        `id: c${i}\napp: wallet\ntarget: {users: [u]}\nnotification: {title: T${i}, body: B}\nschedule: {at: 2026-06-03T10:00:00Z}\n`,
      ]),
    );
    const project = tempProject({
      ".pushrc.json": JSON.stringify({ apps: { wallet: { provider: "mpaas", appId: "A", workspaceId: "w" } }, endpoint: emulator.url }),
      "package.json": "{}",
      ...campaigns,
    });
    cleanups.push(project.cleanup);
    const out = await applyKilledAfter(
      project.root,
      { ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.credentials.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.credentials.accessKeySecret },
      3,
    );
    expect(out).not.toContain("Apply complete");
    const state = await new LocalBackend(join(project.root, ".push", "state.json")).read();
    const created = Object.values(state.tasks).filter((r) => r.status === "scheduled");
    expect(created.length).toBeGreaterThanOrEqual(3);
    const logged = state.history.flatMap((h) => h.operations.map((o) => `${h.command.split(" ")[0]} ${o.kind} ${o.key} -> ${o.remoteId} ${o.outcome}`));
    expect(logged).toEqual(expect.arrayContaining(created.map((r) => `apply create ${r.key} -> ${r.remoteId} ok`)));
  });
});
