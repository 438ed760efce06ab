#!/usr/bin/env node
// Compile benchmark (issues 3 and 15). Generates N synthetic campaigns (one file each) in two mixes and prints for
// each, in one run (best of 5 interleaved rounds):
//   push compile (cold cache) wall time and peak RSS; ajv-cli validate with the project's schema on the same
//   files; a bare single-thread `yaml` + ajv loop; push compile again with no file changed (cache); and once, the
//   cold start of `push --version` beside `node -e 0`.
// The mixes:
//   one-off: 75% scheduled EMAS one-offs to every platform, 25% immediate mPaaS pushes (issue 3's mix).
//   real:    a real repository's mix (issue 15): 60% EMAS (half scheduled at a UTC instant, half immediate), 40%
//            mPaaS (a quarter at a local time in Asia/Shanghai, half weekly loops over 60 days, a quarter
//            immediate), spread over 40 mPaaS apps so that none passes the 100 scheduled-task limit.
// Usage: npm run build && node bench/compile.mjs [N] [one-off|real]   (default 10000, both mixes)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const n = Number(process.argv[2] ?? 10_000);
const only = process.argv[3];
let work = join(repo, "bench", ".work", "compile");
let campaigns = join(work, "campaigns");
const bin = join(repo, "bin", "push.js");
const NOW = "2026-06-12T00:00:00Z";

if (!existsSync(join(repo, "dist", "cli", "main.js"))) {
  console.error("run `npm run build` first");
  process.exit(1);
}

function generateOneOff() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(campaigns, { recursive: true });
  writeFileSync(
    join(work, ".pushrc.json"),
    JSON.stringify({ apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } } }),
  );
  writeFileSync(join(work, "package.json"), "{}\n");
  for (let i = 0; i < n; i++) {
    // A mix like a real repository: scheduled EMAS one-offs to every platform with iOS and Android blocks, and immediate mPaaS
    // pushes (mPaaS allows only 100 scheduled tasks per app).
    const text =
      i % 4 === 3
        ? `# yaml-language-server: $schema=../schemas/campaign.schema.json
id: wallet-${i}
app: wallet
name: Wallet reminder ${i}
target:
  users: [user-${i}, user-${i + 1}]
notification:
  title: Bill due
  body: Your bill ${i} is due tomorrow
  mpaas: {pushStyle: 0, extendedParams: {bill: "${i}"}}
ttl: 3600
`
        : `# yaml-language-server: $schema=../schemas/campaign.schema.json
id: campaign-${i}
app: shop
name: Campaign ${i}
description: Nudge for open orders
target:
  platform: all
  devices: [device-${i}-a, device-${i}-b]
notification:
  title: Order Reminder ${i}
  body: You have a new order
  ios: {apnsEnv: DEV, badge: 1, music: default, extParameters: {orderId: "${i}"}}
  android: {badgeSetNum: 1, vendorChannelActivity: com.example.MainActivity, channelId: 8.0up}
schedule:
  at: "2026-06-${10 + (i % 9)}T12:00:00Z"
ttl: 72h
`;
    writeFileSync(join(campaigns, `c${String(i).padStart(5, "0")}.yaml`), text);
  }
}

const MPAAS_APPS = 40;

/** Issue 15's mix: loops and local times among one-offs, as a real repository has them. */
function generateReal() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(campaigns, { recursive: true });
  const apps = { shop: { provider: "emas", appKey: 233586006 } };
  for (let a = 0; a < MPAAS_APPS; a++) apps[`wallet${a}`] = { provider: "mpaas", appId: `ONEX570DA89${211721 + a}`, workspaceId: "test" };
  writeFileSync(join(work, ".pushrc.json"), JSON.stringify({ apps }));
  writeFileSync(join(work, "package.json"), "{}\n");
  const header = "# yaml-language-server: $schema=../schemas/campaign.schema.json\n";
  for (let i = 0; i < n; i++) {
    const slot = i % 20; // 0..11 EMAS (0..5 scheduled), 12..19 mPaaS (12..13 local time, 14..17 loops, 18..19 immediate)
    let text;
    if (slot < 12) {
      text = `id: campaign-${i}
app: shop
name: Campaign ${i}
target:
  platform: all
  devices: [device-${i}-a, device-${i}-b]
notification:
  title: Order Reminder ${i}
  body: You have a new order
  ios: {apnsEnv: DEV, badge: 1, extParameters: {orderId: "${i}"}}
  android: {badgeSetNum: 1, channelId: 8.0up}
${slot < 6 ? `schedule:\n  at: "2026-06-${13 + (i % 5)}T${String(i % 24).padStart(2, "0")}:00:00Z"\n` : ""}ttl: 72h
`;
    } else {
      const app = `wallet${Math.floor(i / 20) % MPAAS_APPS}`; // each app gets every slot: 75 scheduled tasks
      const schedule =
        slot < 14
          ? `schedule:\n  at: "2026-06-${20 + (i % 9)}T09:30:00"\n  timezone: Asia/Shanghai\n`
          : slot < 18
            ? `schedule:\n  every: week\n  on: [mon, thu]\n  time: "${String(8 + (i % 12)).padStart(2, "0")}:15"\n  from: "2026-06-15"\n  until: "2026-08-13"\n${i % 2 ? "  timezone: Europe/London\n" : ""}`
            : "";
      text = `id: wallet-${i}
app: ${app}
name: Wallet reminder ${i}
target:
  users: [user-${i}, user-${i + 1}]
notification:
  title: Bill due
  body: Your bill ${i} is due soon
  mpaas: {pushStyle: 0, extendedParams: {bill: "${i}"}}
${schedule}ttl: 3600
`;
    }
    writeFileSync(join(campaigns, `c${String(i).padStart(5, "0")}.yaml`), header + text);
  }
}

/** Runs a command under GNU time; returns wall seconds and peak RSS (MB). */
function timed(label, command, args, options = {}) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", command, ...args], {
    cwd: options.cwd ?? work,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const lines = result.stderr.trim().split("\n");
  const [wall, rssKb] = lines[lines.length - 1].split(" ").map(Number);
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status}):\n${lines.slice(-15).join("\n")}`);
    process.exit(1);
  }
  return { label, wall, rssMb: rssKb / 1024, status: result.status };
}

function best(runs) {
  return runs.reduce((a, b) => (b.wall < a.wall ? b : a));
}

function coldStart(args, count = 20) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, args, { cwd: work, stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function runMix(name, generate) {
  work = join(repo, "bench", ".work", `compile-${name}`);
  campaigns = join(work, "campaigns");
  generate();
  const bareLoop = join(work, "bare-loop.mjs");
  writeFileSync(
    bareLoop,
    `import { readFileSync, readdirSync } from "node:fs";
  import { createRequire } from "node:module";
  const require = createRequire(${JSON.stringify(join(repo, "package.json"))});
  const { parse } = require("yaml");
  const Ajv = require("ajv/dist/2020").default;
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(${JSON.stringify(join(repo, "schemas", "campaign.schema.json"))}, "utf8")));
  let invalid = 0;
  for (const f of readdirSync(${JSON.stringify(campaigns)})) if (!validate(parse(readFileSync(${JSON.stringify(campaigns)} + "/" + f, "utf8")))) invalid++;
  if (invalid) { console.error(invalid + " invalid"); process.exit(1); }
  `,
  );

  const cacheDir = join(work, ".push");
  const ajvArgs = [
    join(repo, "node_modules", "ajv-cli", "dist", "index.js"),
    "validate",
    "--spec=draft2020",
    "-c",
    "ajv-formats",
    "--strict=false",
    "-s",
    join(repo, "schemas", "campaign.schema.json"),
    "-d",
    join(campaigns, "*.yaml"),
  ];
  // Interleaved rounds, so that a slow spell of a shared machine falls on every tool alike; best of RUNS each.
  const RUNS = 5;
  const cold = [];
  const warm = [];
  const ajvCli = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    cold.push(timed("push compile (cold cache)", process.execPath, [bin, "compile", "--now", NOW]));
    warm.push(timed("push compile (unchanged, cache)", process.execPath, [bin, "compile", "--now", NOW]));
    ajvCli.push(timed("ajv-cli validate", process.execPath, ajvArgs));
    bare.push(timed("bare yaml + ajv loop (1 thread)", process.execPath, [bareLoop]));
  }

  const c = best(cold);
  const w = best(warm);
  const a = best(ajvCli);
  const b = best(bare);
  const fmt = (r) => `${r.label.padEnd(34)} ${r.wall.toFixed(2).padStart(6)} s   peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB`;
  console.log(`\n${name} mix: ${n} campaigns (one file each), best of ${RUNS} interleaved runs, ${NOW} pinned`);
  for (const r of [c, w, a, b]) console.log(fmt(r));
  console.log(`push compile / ajv-cli:             ${(c.wall / a.wall).toFixed(2)}x (target <= ${name === "real" ? "1.50" : "1.00"}x)`);
  console.log(`unchanged re-run / cold:            ${(w.wall / c.wall).toFixed(2)}x (target <= 0.30x)`);
  console.log(`peak RSS of push compile:           ${c.rssMb.toFixed(0)} MB (target < 300 MB)`);
}

const MIXES = { "one-off": generateOneOff, real: generateReal };
for (const [name, generate] of Object.entries(MIXES)) if (!only || only === name) runMix(name, generate);
const version = coldStart([bin, "--version"]);
const bareNode = coldStart(["-e", "0"]);
console.log(`push --version (median of 20):      ${version.toFixed(0)} ms`);
console.log(`node -e 0 (median of 20):           ${bareNode.toFixed(0)} ms`);
console.log(`push --version / node -e 0:         ${(version / bareNode).toFixed(2)}x (target < 2x)`);
