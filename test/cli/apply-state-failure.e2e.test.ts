import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runApplyCommand } from "../../src/cli/commands/apply.js";
import type { CliIO } from "../../src/cli/io.js";
import { loadProject, openWorkspace } from "../../src/cli/project.js";
import { LocalBackend } from "../../src/state/local/backend.js";
import { rec } from "../state/conformance.js";
import { faultyFs } from "../state/faulty-fs.js";
import { emulatorAt, keys, mpaasAt, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const WALLET = { provider: "mpaas" as const, appId: "ONEX570DA89211721", workspaceId: "test" };

/** A project of four mPaaS campaigns (one call each) on a standalone emulator, and `push apply` run in-process on `backend`. */
async function setUp() {
  const { emulator, providers } = await emulatorAt(NOW);
  const p = planProject(Object.fromEntries(["m0", "m1", "m2", "m3"].map((id) => [`campaigns/${id}.yaml`, mpaasAt(id, "2026-06-03T10:00:00Z")])), {
    endpoint: emulator.url,
    env: keys(emulator),
  });
  const statePath = join(p.root, ".push", "state.json");
  const listed = async () => (await providers.mpaas.listScheduled({ appRef: WALLET, from: "2026-06-01T00:00:00Z", to: "2026-06-05T00:00:00Z" })).tasks;
  const applyWith = async (backend: LocalBackend, onStdout: (chunk: string) => void = () => undefined) => {
    let stdout = "";
    let stderr = "";
    const io: CliIO = {
      stdout: {
        write: (s: string | Uint8Array) => {
          stdout += String(s);
          return onStdout(String(s));
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
      env: { NO_COLOR: "1", ...keys(emulator) },
      cwd: p.root,
    };
    const { project } = await loadProject({ now: NOW }, io);
    const ws = openWorkspace(project!, io);
    try {
      const code = await runApplyCommand({ ...ws, identity: ws.identity, backend: async () => backend }, { autoApprove: true }, io);
      return { code, stdout, stderr };
    } finally {
      await ws.close();
    }
  };
  return { p, statePath, listed, applyWith };
}

describe("an apply whose state cannot record what it sent", () => {
  it("exits 1 naming each task sent and not recorded by its remote id; the rerun records it without sending it again", async () => {
    const { p, statePath, listed, applyWith } = await setUp();
    // The journal's 4th fsync (the outcome of the second create) and every one after it fail, as a dying disk does.
    let journalSyncs = 0;
    const fs = faultyFs({ failFsync: (path) => path.endsWith(".journal") && ++journalSyncs >= 4 });
    const run = await applyWith(new LocalBackend(statePath, { fs }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Apply stopped: 1 created, 0 replaced, 0 cancelled, 0 failed.");
    const sent = await listed();
    expect(sent).toHaveLength(2);
    const recorded = Object.values((await new LocalBackend(statePath).read()).tasks);
    expect(recorded.map((r) => r.status).sort()).toEqual(["pending", "scheduled"]);
    const second = sent.find((t) => !recorded.some((r) => r.remoteId === t.remoteId))!;
    expect(run.stderr).toContain(
      `error: apply stopped, and sent nothing more, because the state could not record a change: cannot write state.json.journal (${statePath}.journal): EIO:`,
    );
    expect(run.stderr).toMatch(
      new RegExp(
        `sent and NOT recorded in the state \\(1; .*\\):\\n    create m\\d -> ${second.remoteId}\\n  not carried out: 2 operation\\(s\\): m\\d, m\\d\\n`,
      ),
    );

    const rerun = await p.push(NOW, "apply", "--auto-approve");
    // The task sent and not recorded is listed by the provider: recorded from the listing (adopted), not resent.
    expect(rerun.stdout).toContain("Apply complete: 2 created, 0 replaced, 0 cancelled, 0 failed; 1 adopted.");
    expect((await listed()).map((t) => t.remoteId).sort()).toEqual(
      Object.values(p.state().tasks)
        .map((r) => r.remoteId)
        .sort(),
    );
    expect(await listed()).toHaveLength(4);
  });

  it("stops before its next send once it lost the lock and another holder committed, and exits 1 saying so", async () => {
    const { statePath, listed, applyWith } = await setUp();
    let stolen = false;
    // After the first create, another process takes the lock over (as one does from a paused apply) and commits.
    const steal = (chunk: string) => {
      if (stolen || !chunk.includes(": done")) return;
      stolen = true;
      writeFileSync(
        `${statePath}.lock`,
        JSON.stringify({ owner: "ci@runner-2", operation: "apply", acquiredAt: NOW, token: "theirs", pid: process.pid, hostname: hostname() }),
      );
      void new LocalBackend(statePath).commit({ upsert: [rec("theirs", "9")] });
    };
    const run = await applyWith(new LocalBackend(statePath), steal);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Apply stopped: 1 created");
    expect(run.stderr).toContain(
      `because the state could not record a change: this process no longer holds the state lock ${statePath}.lock (another process took it over, or it was removed): nothing more is written`,
    );
    expect(run.stderr).toContain("every call made to the provider is recorded in the state");
    expect(await listed()).toHaveLength(1);
    expect(JSON.parse(readFileSync(`${statePath}.lock`, "utf8")).token).toBe("theirs");
  });
});
