/**
 * The edge: argv -> command -> exit code. `runCli` takes injected streams and environment (tests call it
 * in-process); `runMain` is the only place that touches `process` and calls `process.exit`.
 */
import { Command, CommanderError, Option } from "commander";
import { readFileSync } from "node:fs";
import type { CliIO, ExitCode } from "./io.js";

export interface GlobalOptions {
  now?: string;
  config?: string;
  env?: string;
}

/** A repeatable option's values, in order. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

const HELP_FOOTER = `
Every command takes --now ISO-8601 (or PUSH_NOW) for its clock, --config PATH and --env NAME, and honours NO_COLOR.
Exit codes: 0 success, 1 an error (diagnostics printed), 2 changes present (plan --detailed-exitcode).
Credentials come from the Alibaba Cloud default chain (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET, profiles, RAM roles, OIDC).`;

export function buildProgram(io: CliIO, setExit: (code: ExitCode) => void): Command {
  const program = new Command("push");
  program
    .description("Push-notification campaigns as reviewed code: EMAS Mobile Push (PushV2) and mPaaS Message Push (PushSimple).")
    .version(version(), "-V, --version")
    .option("--now <iso>", "pin the clock (ISO-8601); default: PUSH_NOW, else the current time")
    .option("--config <path>", "config file (default: push.config.ts found from the working directory up)")
    .option("--env <name>", "environment overlay from the config's `environments`")
    .addHelpText("after", HELP_FOOTER)
    .showHelpAfterError()
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const ctx: ProgramContext = { io, setExit, globals: (cmd) => cmd.optsWithGlobals() as GlobalOptions };
  addFileCommands(program, ctx);
  addPlanCommands(program, ctx);
  addAuthoringCommands(program, ctx);
  addReviewCommands(program, ctx);
  addStateCommands(program, ctx);
  addEmulatorCommand(program, ctx);
  return program;
}

/** What every command's action needs: the streams, where its exit code goes, and the global options. */
interface ProgramContext {
  io: CliIO;
  setExit: (code: ExitCode) => void;
  globals: (cmd: Command) => GlobalOptions;
}

/** The offline commands over the campaign files: validate, compile, preview. */
function addFileCommands(program: Command, { io, setExit, globals }: ProgramContext): void {
  program
    .command("validate")
    .description("load and validate campaigns, offline (no credentials needed)")
    .argument("[paths...]", "campaign files or folders (default: campaigns/)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "github"]).default("text"))
    .action(async (paths: string[], options: { format: "text" | "json" | "github" }, cmd: Command) => {
      const { runValidateCommand } = await import("./commands/validate.js");
      setExit(await runValidateCommand({ ...globals(cmd), paths, format: options.format }, io));
    });

  program
    .command("compile")
    .description("print the provider tasks (PushV2 / PushSimple requests) as JSON")
    .argument("[paths...]", "campaign files or folders (default: campaigns/)")
    .addOption(new Option("--format <format>", "output format").choices(["json"]).default("json"))
    .option("--out <dir>", "write one JSON file per task into DIR (and remove the files of tasks gone since the last --out run)")
    .action(async (paths: string[], options: { out?: string }, cmd: Command) => {
      const { runCompileCommand } = await import("./commands/compile.js");
      setExit(await runCompileCommand({ ...globals(cmd), paths, ...(options.out ? { out: options.out } : {}) }, io));
    });

  program
    .command("preview")
    .description("render an HTML page per campaign (notification mock-ups, schedule calendar) and PNG images of the mock-ups")
    .argument("[paths...]", "campaign files or folders (default: campaigns/)")
    .option("--out <dir>", "folder for the pages and images (default: .push/preview in the project)")
    .option("--no-png", "write the HTML pages only, without starting a browser")
    .action(async (paths: string[], options: { out?: string; png: boolean }, cmd: Command) => {
      const { runPreviewCommand } = await import("./commands/preview.js");
      setExit(await runPreviewCommand({ ...globals(cmd), paths, png: options.png, ...(options.out ? { out: options.out } : {}) }, io));
    });
}

/** The commands that reach the providers and the state: plan, apply. */
function addPlanCommands(program: Command, { io, setExit, globals }: ProgramContext): void {
  program
    .command("plan")
    .description("refresh and diff the campaigns against what is scheduled")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .option("--out <file>", "save the plan for `push apply FILE`")
    .option("--detailed-exitcode", "exit 0 with no changes, 2 with changes, 1 on error")
    .option("--target <id>", "plan this campaign only (repeatable): an escape hatch, the rest is not planned", collect, [])
    .action(async (options: { format: "text" | "json" | "markdown"; out?: string; detailedExitcode?: boolean; target: string[] }, cmd: Command) => {
      const { withWorkspace } = await import("./project.js");
      const { runPlanCommand } = await import("./commands/plan.js");
      setExit(
        await withWorkspace(globals(cmd), io, (ws) =>
          runPlanCommand(
            ws,
            {
              format: options.format,
              ...(options.out ? { out: options.out } : {}),
              detailedExitcode: Boolean(options.detailedExitcode),
              targets: options.target,
            },
            io,
          ),
        ),
      );
    });
}

/** The commands that write a project's files: init, import; and the rule list. */
function addAuthoringCommands(program: Command, { io, setExit, globals }: ProgramContext): void {
  program
    .command("init")
    .description("write a project that validates and plans: push.config.ts, example campaigns, .gitignore (asks on a terminal)")
    .argument("[dir]", "the project folder (default: here)")
    .addOption(new Option("--provider <names...>", "providers of the example campaigns").choices(["emas", "mpaas"]))
    .addOption(new Option("--ci <forge>", "also write the CI workflows").choices(["github"]))
    .option("--force", "replace files that exist and differ")
    .option("--yes", "ask nothing: the flags and the defaults")
    .action(async (dir: string | undefined, options: { provider?: Array<"emas" | "mpaas">; ci?: "github"; force?: boolean; yes?: boolean }) => {
      const { runInitCommand } = await import("./commands/init.js");
      const given = {
        ...(dir ? { dir } : {}),
        ...(options.provider ? { providers: options.provider } : {}),
        ...(options.ci ? { ci: options.ci } : {}),
        force: Boolean(options.force),
      };
      setExit(await runInitCommand(given, { ...io, interactive: Boolean(io.prompt) && !options.yes }));
    });

  program
    .command("import")
    .description("write campaign files for tasks made outside push (a console) and record them in state; the provider is not called")
    .argument("[ids...]", "the tasks' remote ids: EMAS MessageId, mPaaS task id (default: every scheduled task push does not manage)")
    .option("--audience <id=file>", "the ids a task reaches, one per line (repeatable): no listing shows them", collect, [])
    .option(
      "--app <name=spec>",
      "also list an app the config lacks, added to it when a task is imported: NAME=emas:APPKEY or NAME=mpaas:APPID/WORKSPACE (repeatable)",
      collect,
      [],
    )
    .option("--dir <folder>", "where the files go, inside campaigns/ (default: campaigns/imported)")
    .action(async (ids: string[], options: { audience: string[]; app: string[]; dir?: string }, cmd: Command) => {
      const { runImportCommand } = await import("./commands/import.js");
      setExit(await runImportCommand(globals(cmd), { ids, audiences: options.audience, apps: options.app, ...(options.dir ? { dir: options.dir } : {}) }, io));
    });

  program
    .command("rules")
    .description("every rule, its default level and the level the config sets")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(async (options: { format: "text" | "json" }, cmd: Command) => {
      const { runRulesCommand } = await import("./commands/rules.js");
      setExit(await runRulesCommand({ ...globals(cmd), format: options.format }, io));
    });
}

/** The GitHub pull-request comment, and apply. */
function addReviewCommands(program: Command, { io, setExit, globals }: ProgramContext): void {
  program
    .command("comment")
    .description("the pull-request comment of the GitHub Action: a saved plan, or the apply's outcome added to it")
    .option("--plan <file>", "a plan saved by `push plan --out`: the environment's living comment")
    .option("--applied <file>", "the output of `push apply`: added to that comment")
    .option("--failed", "with --applied: the apply failed")
    .option("--pr <number>", "the pull request (default: the event's, or the one the commit was merged from)", parseCount)
    .option("--previews <dir>", "with --plan: a `push preview --out` folder, whose PNGs are committed to the push-previews branch and shown")
    .action(async (options: { plan?: string; applied?: string; failed?: boolean; pr?: number; previews?: string }, cmd: Command) => {
      const { runCommentCommand } = await import("./commands/comment.js");
      const { env } = globals(cmd);
      setExit(await runCommentCommand({ ...options, ...(env ? { env } : {}) }, io));
    });

  program
    .command("apply")
    .description("carry out a saved plan, or plan and ask for confirmation")
    .argument("[plan]", "a plan file saved by `push plan --out`")
    .option("--auto-approve", "apply without asking (CI)")
    .option("--target <id>", "without a plan file: plan and apply this campaign only (repeatable)", collect, [])
    .action(async (planFile: string | undefined, options: { autoApprove?: boolean; target: string[] }, cmd: Command) => {
      const { withWorkspace } = await import("./project.js");
      const { runApplyCommand } = await import("./commands/apply.js");
      setExit(
        await withWorkspace(globals(cmd), io, (ws) =>
          runApplyCommand(ws, { ...(planFile ? { planFile } : {}), autoApprove: Boolean(options.autoApprove), targets: options.target }, io),
        ),
      );
    });
}

/** `push state ...`: read and repair recorded state. */
function addStateCommands(program: Command, { io, setExit, globals }: ProgramContext): void {
  const state = program.command("state").description("read and repair recorded state");
  const inWorkspace = async (
    cmd: Command,
    run: (backend: import("../state/backend.js").StateBackend, ws: import("../pipeline/workspace.js").Workspace) => Promise<number>,
  ) => {
    const { withWorkspace } = await import("./project.js");
    setExit(await withWorkspace(globals(cmd), io, async (ws) => (await run(await ws.backend(), ws)) as ExitCode));
  };
  const format = () => new Option("--format <format>", "output format").choices(["text", "json"]).default("text");
  state
    .command("list")
    .description("list recorded tasks")
    .addOption(format())
    .action(async (options: { format: "text" | "json" }, cmd: Command) => {
      const { stateList } = await import("./commands/state.js");
      await inWorkspace(cmd, (backend, ws) => stateList(backend, io, { ...options, now: ws.now() }));
    });
  state
    .command("show")
    .description("show one recorded task")
    .argument("<key>", "task key")
    .addOption(format())
    .action(async (key: string, options: { format: "text" | "json" }, cmd: Command) => {
      const { stateShow } = await import("./commands/state.js");
      await inWorkspace(cmd, (backend) => stateShow(backend, key, io, options));
    });
  state
    .command("rm")
    .description("forget recorded tasks (the provider is not called)")
    .argument("<keys...>", "task keys")
    .action(async (keys: string[], _options: unknown, cmd: Command) => {
      const { stateRm } = await import("./commands/state.js");
      await inWorkspace(cmd, (backend, ws) => stateRm(backend, keys, io, ws.identity));
    });
  state
    .command("migrate")
    .description("move the state of another backend into the configured one (lineage, serial and history kept)")
    .addOption(new Option("--from <backend>", "the backend the state is in now").choices(["local", "postgres"]).makeOptionMandatory())
    .option("--from-path <file>", "its file, for local (default .push/state.json)")
    .option("--from-url <url>", "its connection URL, for postgres")
    .option("--from-schema <name>", "its schema, for postgres (default push)")
    .action(async (options: { from: "local" | "postgres"; fromPath?: string; fromUrl?: string; fromSchema?: string }, cmd: Command) => {
      const { stateMigrate } = await import("./commands/state.js");
      const from =
        options.from === "local"
          ? { backend: "local" as const, ...(options.fromPath ? { path: options.fromPath } : {}) }
          : {
              backend: "postgres" as const,
              ...(options.fromUrl ? { url: options.fromUrl } : {}),
              ...(options.fromSchema ? { schema: options.fromSchema } : {}),
            };
      await inWorkspace(cmd, (_backend, ws) => stateMigrate(ws, from, io));
    });
  state
    .command("history")
    .description("who applied what, from which commit")
    .addOption(format())
    .option("--limit <n>", "newest N entries", parseCount)
    .action(async (options: { format: "text" | "json"; limit?: number }, cmd: Command) => {
      const { stateHistory } = await import("./commands/state.js");
      await inWorkspace(cmd, (backend) => stateHistory(backend, io, options));
    });
}

function addEmulatorCommand(program: Command, { io, setExit, globals }: ProgramContext): void {
  program
    .command("emulator")
    .description("run the EMAS + mPaaS emulator standalone on loopback")
    .option("--port <port>", "port (default: a free one)", parseCount)
    .option("--data <file>", "persist the emulator's tasks to FILE")
    .option("--throttle-rate <rate>", "fraction of requests answered Throttling.User", parseRate)
    .option("--server-error-rate <rate>", "fraction of requests answered 503 ServiceUnavailable", parseRate)
    .option("--latency <ms>", "delay before every reply", parseCount)
    .option("--lose-reply-rate <rate>", "fraction of pushes recorded whose reply is lost", parseRate)
    .addHelpText(
      "after",
      "\nWith the global --now ISO-8601 (or PUSH_NOW), the providers' clock starts at that instant and advances with real time:\nscheduled pushes fall due by it, so a test moves the providers' time by choosing the instant. Without it: real time.",
    )
    .action(
      async (
        options: { port?: number; data?: string; throttleRate?: number; serverErrorRate?: number; latency?: number; loseReplyRate?: number },
        cmd: Command,
      ) => {
        const { runEmulatorCommand } = await import("./commands/emulator.js");
        const { latency, ...rest } = options;
        const { now } = globals(cmd);
        setExit(await runEmulatorCommand({ ...rest, ...(latency !== undefined ? { latencyMs: latency } : {}), ...(now !== undefined ? { now } : {}) }, io));
      },
    );
}

function parseRate(value: string): number {
  const rate = Number(value);
  if (!(rate >= 0 && rate <= 1)) throw new CommanderError(1, "push.invalidArgument", `error: a rate is a number from 0 to 1, got "${value}"`);
  return rate;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CommanderError(1, "push.invalidArgument", `error: expected a whole number, got "${value}"`);
  return n;
}

/** Runs one invocation with injected I/O and returns its exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (cause) {
    if (cause instanceof CommanderError) {
      if (cause.code === "push.invalidArgument") io.stderr.write(`${cause.message}\n`);
      return cause.exitCode === 0 ? 0 : 1;
    }
    throw cause;
  }
  return exitCode;
}

export async function runMain(argv: string[]): Promise<void> {
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    ...(process.stdin.isTTY && process.stdout.isTTY ? { prompt: ttyPrompt } : {}),
  };
  let code: ExitCode;
  try {
    code = await runCli(argv, io);
  } catch (cause) {
    // A bug, not a user's mistake: print it whole so it can be reported.
    process.stderr.write(`push: internal error: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
    code = 1;
  }
  process.exitCode = code;
  // Let stdout drain, then leave even if a handle (a server, a pool) was left open by mistake.
  process.stdout.write("", () => process.exit(code));
}

async function ttyPrompt(question: string): Promise<string> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
