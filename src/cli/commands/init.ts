/**
 * `push init [dir]` (issue 14): a project that validates and plans at once, against the embedded emulator. On a
 * terminal it asks (through @clack/prompts) which providers and whether to add the GitHub workflows; without one it
 * takes the flags and the defaults. It never overwrites a file without `--force`, so a second run changes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type AppEntry, addApps, appLiteral, appsIn } from "../../config/edit.js";
import type { CliIO, ExitCode } from "../io.js";

export interface InitOptions {
  dir?: string;
  providers?: Array<"emas" | "mpaas">;
  ci?: "github";
  force?: boolean;
}

/** The workflows the package ships (templates/github/workflows), written by `--ci github`. */
const TEMPLATES = fileURLToPath(new URL("../../../templates/github/workflows/", import.meta.url));
const SCHEMA_LINE = "# yaml-language-server: $schema=../node_modules/push-campaigns/schemas/campaign.schema.json\n";

/** The example apps: written into a new config with a comment, added to an existing one through ts-morph. */
const APP_ENTRIES: Record<"emas" | "mpaas", [string, AppEntry]> = {
  emas: ["shop", { provider: "emas", appKey: 233586006 }],
  mpaas: ["wallet", { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "default" }],
};
const APP_COMMENTS = { emas: "your EMAS app key (one per platform: appKeys)", mpaas: "your mPaaS app" };

function config(providers: Array<"emas" | "mpaas">): string {
  return `import { defineConfig } from "push-campaigns";

// Campaigns are YAML files in campaigns/; \`push plan\` shows what \`push apply\` would send.
export default defineConfig({
  apps: {
${providers.map((p) => `    ${APP_ENTRIES[p][0]}: ${appLiteral(APP_ENTRIES[p][1])}, // ${APP_COMMENTS[p]}`).join("\n")}
  },
  // The embedded emulator: remove this line to reach Alibaba Cloud (credentials: see the README).
  endpoint: "local",
  defaults: { timezone: "Asia/Shanghai" },
});
`;
}

const CAMPAIGNS = {
  emas: {
    file: "campaigns/welcome.yaml",
    text: `${SCHEMA_LINE}# An EMAS push, sent when applied (add schedule: {at: ...} to send later).
id: welcome
app: APP
target: { platform: ios, devices: [device-id] }
notification: { title: Welcome, body: Thanks for installing }
`,
  },
  mpaas: {
    file: "campaigns/reminder.yaml",
    text: `${SCHEMA_LINE}# An mPaaS push to users, sent when applied.
id: reminder
app: APP
target: { users: [user-id] }
notification: { title: Reminder, body: Your order ships today }
`,
  },
};

type Outcome = "written" | "replaced" | "edited" | "kept" | "unchanged";
const NOTES: Record<Outcome, string> = {
  written: "",
  replaced: "",
  edited: "  (the example apps it lacked added; the rest kept as written)",
  kept: "  (exists and differs: kept; --force replaces it)",
  unchanged: "",
};

/** Writes `text` unless the file holds it already, or holds something else and `force` is off. */
function put(root: string, file: string, text: string, force: boolean): Outcome {
  const path = join(root, file);
  if (existsSync(path)) {
    if (readFileSync(path, "utf8") === text) return "unchanged";
    if (!force) return "kept";
  }
  const existed = existsSync(path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return existed ? "replaced" : "written";
}

/**
 * An existing config that differs, without `--force`: the example app of each provider it has none of is added
 * through ts-morph, the rest of the file kept as written. The app each provider's example campaign names.
 */
async function editConfig(root: string, providers: Array<"emas" | "mpaas">): Promise<{ outcome: Outcome; names: Record<string, string> }> {
  const path = join(root, "push.config.ts");
  const text = readFileSync(path, "utf8");
  const apps = await appsIn(path, text);
  if (!apps) return { outcome: "kept", names: {} };
  const names: Record<string, string> = {};
  const added: Record<string, AppEntry> = {};
  for (const provider of providers) {
    const existing = Object.keys(apps).find((name) => apps[name] === provider);
    if (existing) names[provider] = existing;
    else {
      const [base, entry] = APP_ENTRIES[provider];
      const name = [base, `${base}-2`, `${base}-3`].find((n) => !(n in apps))!;
      names[provider] = name;
      added[name] = entry;
    }
  }
  if (!Object.keys(added).length) return { outcome: "unchanged", names };
  const edited = await addApps(path, text, added);
  if ("problem" in edited) return { outcome: "kept", names: {} };
  writeFileSync(path, edited.text);
  return { outcome: "edited", names };
}

/** `.push/` in the project's .gitignore: added when missing, the rest of the file kept. */
function ignorePushFolder(root: string): Outcome {
  const path = join(root, ".gitignore");
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  if (text.split(/\r?\n/).some((line) => /^\/?\.push\/?$/.test(line.trim()))) return "unchanged";
  writeFileSync(path, `${text}${text && !text.endsWith("\n") ? "\n" : ""}# push: local state, the embedded emulator, caches, previews\n.push/\n`);
  return text ? "replaced" : "written";
}

/** On a terminal: which providers, and whether to add the GitHub workflows. Null: cancelled. */
async function ask(options: InitOptions): Promise<InitOptions | null> {
  const prompts = await import("@clack/prompts");
  prompts.intro("push init");
  const providers = await prompts.multiselect({
    message: "Which providers do your apps use?",
    options: [
      { value: "emas", label: "EMAS Mobile Push (PushV2)" },
      { value: "mpaas", label: "mPaaS Message Push (PushSimple)" },
    ],
    initialValues: options.providers ?? ["emas"],
    required: true,
  });
  if (prompts.isCancel(providers)) return null;
  const ci = await prompts.confirm({
    message: "Add the GitHub Actions workflows (plan on pull requests, apply on merge)?",
    initialValue: options.ci === "github",
  });
  if (prompts.isCancel(ci)) return null;
  prompts.outro("Writing the project");
  return { ...options, providers: providers as Array<"emas" | "mpaas">, ...(ci ? { ci: "github" as const } : {}) };
}

export async function runInitCommand(given: InitOptions, io: CliIO & { interactive?: boolean }): Promise<ExitCode> {
  const options = io.interactive ? await ask(given) : given;
  if (!options) {
    io.stderr.write("push init cancelled: nothing written\n");
    return 1;
  }
  const root = resolve(io.cwd, options.dir ?? ".");
  const providers = options.providers?.length ? options.providers : (["emas", "mpaas"] as const).slice(0, 1);
  const force = Boolean(options.force);
  let configOutcome = put(root, "push.config.ts", config([...providers]), force);
  let names: Record<string, string> = {};
  if (configOutcome === "kept") ({ outcome: configOutcome, names } = await editConfig(root, [...providers]));
  const results: Array<[string, Outcome]> = [["push.config.ts", configOutcome]];
  for (const p of providers) {
    const text = CAMPAIGNS[p].text.replace("app: APP", `app: ${names[p] ?? APP_ENTRIES[p][0]}`);
    results.push([CAMPAIGNS[p].file, put(root, CAMPAIGNS[p].file, text, force)]);
  }
  results.push([".gitignore", ignorePushFolder(root)]);
  if (options.ci === "github")
    for (const file of readdirSync(TEMPLATES)
      .filter((f) => f.endsWith(".yml"))
      .sort())
      results.push([`.github/workflows/${file}`, put(root, `.github/workflows/${file}`, readFileSync(join(TEMPLATES, file), "utf8"), force)]);
  const where = relative(io.cwd, root) || ".";
  for (const [file, outcome] of results) io.stdout.write(`${outcome.padEnd(9)} ${join(where, file)}${NOTES[outcome]}\n`);
  const changed = results.filter(([, o]) => o === "written" || o === "replaced" || o === "edited").length;
  io.stdout.write(
    changed
      ? `\nNext: npm install --save-dev push-campaigns (if it is not yet), then npx push validate and npx push plan${where === "." ? "" : ` in ${where}`}.\n`
      : "\nNothing to change: the project is already initialised.\n",
  );
  return 0;
}
