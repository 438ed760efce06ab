/** Everything a command takes from the outside world arrives here, so tests inject it. */
export interface CliIO {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  /** Reads one line of an interactive answer; absent when there is no TTY (apply never prompts then). */
  prompt?: (question: string) => Promise<string>;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Exit codes: 0 success, 1 an error (diagnostics printed), 2 changes present (`--detailed-exitcode`). */
export type ExitCode = 0 | 1 | 2;

export function useColor(io: CliIO, stream: "stdout" | "stderr" = "stdout"): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  return Boolean(io[stream].isTTY);
}
