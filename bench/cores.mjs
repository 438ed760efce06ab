#!/usr/bin/env node
// Does a second core add throughput to the compile pipeline on this machine? Prints the wall time of the
// per-file pipeline (read, parse, validate, compile, render) over the campaigns in one process, then over the
// same campaigns split between two processes running at once. Run bench/compile.mjs first (it writes the
// campaigns this reads).
// Usage: npm run build && node bench/compile.mjs && node bench/cores.mjs [RUNS]
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const campaigns = join(repo, "bench", ".work", "compile", "campaigns");
const runs = Number(process.argv[2] ?? 5);

if (process.argv[2] === "--part") {
  // One process's share: every campaign file whose index is `part` modulo `parts`, in chunks of 256.
  const [part, parts] = process.argv.slice(3).map(Number);
  const { processFiles } = await import(join(repo, "dist", "cli", "pipeline.js"));
  const { renderTaskEntries } = await import(join(repo, "dist", "compile", "output.js"));
  const config = {
    apps: {
      shop: { name: "shop", provider: "emas", appKeys: { all: 233586006 } },
      wallet: { name: "wallet", provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test", providerTimezone: "Asia/Shanghai" },
    },
    defaultTimezone: "Asia/Shanghai",
  };
  const files = readdirSync(campaigns)
    .sort()
    .filter((_, i) => i % parts === part);
  for (let i = 0; i < files.length; i += 256) {
    const chunk = files.slice(i, i + 256).map((f) => ({ display: `campaigns/${f}`, text: readFileSync(join(campaigns, f), "utf8") }));
    renderTaskEntries(processFiles(chunk, config, Date.parse("2026-06-12T00:00:00Z"), () => undefined).tasks);
  }
  process.exit(0);
}

if (!existsSync(campaigns)) {
  console.error("run `node bench/compile.mjs` first: it writes the campaigns");
  process.exit(1);
}

/** Runs `parts` processes at once, each over its share; wall seconds until the last one ends. */
async function run(parts) {
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: parts },
      (_, part) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--part", String(part), String(parts)], { stdio: "inherit" });
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`part ${part} exited ${code}`))));
        }),
    ),
  );
  return (performance.now() - t0) / 1000;
}

const best = { 1: Infinity, 2: Infinity };
for (let i = 0; i < runs; i++) for (const parts of [1, 2]) best[parts] = Math.min(best[parts], await run(parts));
const files = readdirSync(campaigns).length;
console.log(`per-file pipeline over ${files} campaigns, best of ${runs}:`);
console.log(`  one process, all files:            ${best[1].toFixed(2)} s`);
console.log(`  two processes at once, half each:  ${best[2].toFixed(2)} s`);
console.log(`  speed-up from the second core:     ${(best[1] / best[2]).toFixed(2)}x`);
