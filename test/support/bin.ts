import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";

/** Runs the built bin in `cwd`; with `killAfterMs`, sends it SIGKILL then. Resolves with the exit code and output. */
export function spawnPush(cwd: string, env: Record<string, string>, args: string[], killAfterMs?: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(process.cwd(), "bin", "push.js"), ...args], { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** Emulators and temp projects a test opened, closed after each test. */
export function resources(): { emulators: RunningEmulator[]; cleanups: Array<() => void> } {
  const held = { emulators: [] as RunningEmulator[], cleanups: [] as Array<() => void> };
  afterEach(async () => {
    held.cleanups.splice(0).forEach((c) => c());
    for (const e of held.emulators.splice(0)) await e.close();
  });
  return held;
}
