#!/usr/bin/env node
// The bin stays tiny: `push --version` answers before any module of the tool loads.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${pkg.version}\n`);
} else {
  const { runMain } = await import("../dist/cli/main.js");
  await runMain(args);
}
