#!/usr/bin/env node
// Audience-file benchmark (issue 10, item 11). Writes a project whose campaign names a 5,000,000-line audience
// file and prints the wall time and peak RSS of `push validate` over it, for two files: 5,000,000 ids (refused at
// the cap, so reading stops early) and 5,000,000 comment lines around 10 ids (read to the end, streamed).
// Usage: npm run build && node bench/audience.mjs [REPO]   (REPO: another checkout's built tree, for a before/after)
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
const work = join(dirname(fileURLToPath(import.meta.url)), ".work", "audience");
const LINES = 5_000_000;

if (!existsSync(join(repo, "dist", "cli", "main.js"))) {
  console.error(`no dist/ in ${repo}: run \`npm run build\` there first`);
  process.exit(1);
}

async function writeLines(file, line) {
  const out = createWriteStream(file);
  for (let i = 0; i < LINES; i++) if (!out.write(line(i))) await new Promise((r) => out.once("drain", r));
  await new Promise((r) => out.end(r));
}

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "campaigns"), { recursive: true });
mkdirSync(join(work, "audiences"));
writeFileSync(join(work, ".pushrc.json"), JSON.stringify({ apps: { shop: { provider: "emas", appKey: 233586006 } } }));
writeFileSync(join(work, "package.json"), "{}\n");
await writeLines(join(work, "audiences", "ids.txt"), (i) => `${i.toString(16).padStart(32, "0")}\n`);
await writeLines(join(work, "audiences", "comments.txt"), (i) => (i % 500_000 === 0 ? `device-${i}\n` : `# exported row ${i}\n`));

// In a fresh process, so that peak RSS is the command's own.
const probe = `
const { runCli } = await import(${JSON.stringify(join(repo, "dist", "cli", "main.js"))});
let out = "";
const io = { stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (out += s) }, env: { NO_COLOR: "1" }, cwd: process.argv[1] };
const start = performance.now();
const code = await runCli(["validate"], io);
const ms = performance.now() - start;
console.log(JSON.stringify({ code, ms, rssMB: process.resourceUsage().maxRSS / 1024, outputBytes: out.length, lastLine: out.trim().split("\\n").pop() }));
`;
for (const name of ["ids.txt", "comments.txt"]) {
  writeFileSync(
    join(work, "campaigns", "a.yaml"),
    `id: a\napp: shop\nnotification: {title: T, body: B}\ntarget: {platform: android, devicesFile: ../audiences/${name}}\n`,
  );
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", probe, work], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const r = JSON.parse(run.stdout.trim().split("\n").pop());
  console.log(
    `${name.padEnd(13)} ${LINES.toLocaleString("en-US")} lines: exit ${r.code}, ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.rssMB.toFixed(0)} MB, output ${r.outputBytes} bytes: ${r.lastLine}`,
  );
}
rmSync(work, { recursive: true, force: true });
