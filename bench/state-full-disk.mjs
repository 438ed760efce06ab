#!/usr/bin/env node
// Full-disk probe of the local state (issue 10, items 1-2), on a real tiny file system the caller mounts, e.g. as
// root: mkdir -p /tmp/tinyfs && mount -t tmpfs -o size=2300k tmpfs /tmp/tinyfs
// Applies N scheduled EMAS tasks (a 200-device list each, so that records are a few KB) with the state on that
// file system, against the embedded emulator, then prints: apply's exit code and summary, what stderr said, the
// state files' sizes, what a fresh `push state list` reads, and whether a second plan finds nothing to do.
// Usage: npm run build && node bench/state-full-disk.mjs MOUNTPOINT [N]   (default 380)
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const mount = process.argv[2];
const n = Number(process.argv[3] ?? 380);
if (!mount) {
  console.error("usage: node bench/state-full-disk.mjs MOUNTPOINT [N]");
  process.exit(1);
}
const work = join(repo, "bench", ".work", "state-full-disk");
const NOW = "2026-06-01T00:00:00Z";
rmSync(work, { recursive: true, force: true });
for (const f of readdirSync(mount)) rmSync(join(mount, f), { recursive: true, force: true });
mkdirSync(join(work, "campaigns"), { recursive: true });
writeFileSync(join(work, "package.json"), "{}\n");
writeFileSync(
  join(work, ".pushrc.json"),
  JSON.stringify({ apps: { shop: { provider: "emas", appKey: 233586006 } }, endpoint: "local", state: { backend: "local", path: join(mount, "state.json") } }),
);
const devices = Array.from({ length: 200 }, (_, i) => `device-${String(i).padStart(6, "0")}`).join(", ");
for (let i = 0; i < n; i++)
  writeFileSync(
    join(work, "campaigns", `c${i}.yaml`),
    `id: c${i}\napp: shop\ntarget: {platform: ios, devices: [${devices}]}\nnotification: {title: T${i}, body: B}\nschedule: {at: "2026-06-03T10:00:00Z"}\n`,
  );

const push = (...args) =>
  spawnSync(process.execPath, [join(repo, "bin", "push.js"), ...args, "--now", NOW], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
const sizes = () =>
  readdirSync(mount)
    .map((f) => `${f} ${statSync(join(mount, f)).size}`)
    .join(", ");

const applied = push("apply", "--auto-approve");
console.log(
  `apply of ${n} tasks: exit ${applied.status}; ${applied.stdout
    .split("\n")
    .filter((l) => l.startsWith("Apply"))
    .join(" ")}`,
);
console.log(`  stderr: ${applied.stderr.trim().split("\n").slice(0, 6).join("\n          ") || "(nothing)"}`);
console.log(`  files: ${sizes()}`);
const listed = push("state", "list", "--format", "json");
const tasks = listed.status === 0 ? JSON.parse(listed.stdout).tasks : [];
const byStatus = {};
for (const t of tasks) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
console.log(
  `state list: exit ${listed.status}; ${tasks.length} task(s) ${JSON.stringify(byStatus)}${listed.stderr ? `; stderr: ${listed.stderr.trim().split("\n")[0]}` : ""}`,
);
const plan = push("plan", "--detailed-exitcode");
console.log(
  `plan after: exit ${plan.status} (0: nothing to do, 2: changes)${plan.status === 2 ? `: ${plan.stdout.split("\n").find((l) => l.startsWith("Plan:"))}` : ""}`,
);
