/** `push rules`: every rule, its default level, the level the config sets (with `--env`, that environment's). */
import { rules } from "../../diagnostics/levels.js";
import type { CliIO, ExitCode } from "../io.js";
import type { GlobalOptions } from "../main.js";
import { loadProject } from "../project.js";

export async function runRulesCommand(options: GlobalOptions & { format: "text" | "json" }, io: CliIO): Promise<ExitCode> {
  const { project } = await loadProject(options, io);
  const configured = project?.config.lint ?? {};
  const rows = rules().map((r) => ({ ...r, configured: configured[r.code] ?? null, tunable: r.level === "warn" }));
  if (options.format === "json") {
    io.stdout.write(`${JSON.stringify({ rules: rows }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.code.length));
  io.stdout.write(`${"RULE".padEnd(width)}  DEFAULT  CONFIGURED  WHAT\n`);
  for (const r of rows)
    io.stdout.write(
      `${r.code.padEnd(width)}  ${r.level.padEnd(7)}  ${(r.configured ?? "-").padEnd(10)}  ${r.tunable ? r.what : "an error: not tunable"}\n`.replace(
        / +\n$/,
        "\n",
      ),
    );
  io.stdout.write(
    `\nSet levels in push.config.ts: lint: { "quiet-hours": "error" } (off, warn, error; per environment too).\nSuppress one finding with a comment on the line before it: # push-ignore <rule>: <reason>\n`,
  );
  return 0;
}
