import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/io.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `push ARGV` in-process with captured streams, no TTY and a clean environment. */
export async function runPush(argv: string[], options: { cwd: string; env?: Record<string, string>; answer?: string }): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
    ...(options.answer !== undefined ? { prompt: async () => options.answer! } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A throwaway project: files by relative path. Returns its root and a cleanup. */
export function tempProject(files: Record<string, string>): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "push-project-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export const EXAMPLE_RC = JSON.stringify({
  apps: {
    shop: { provider: "emas", appKey: 233586006 },
    wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" },
  },
  endpoint: "local",
});
