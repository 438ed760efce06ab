// Hostile input through the built bin (`npm run build` first): time, peak memory and output size of
// `push validate` for each class of issue 9 part 2 and the 50 MB body of issue 10 item 11. Prints figures; asserts
// nothing. `node bench/hostile.mjs [path/to/bin/push.js]` measures another checkout's bin (e.g. main's).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = process.argv[2] ?? join(repo, "bin", "push.js");
const work = join(repo, "bench", ".work", "hostile");
const DEVICE = "abcdefabcdefabcdefabcdefabcdefab";
const valid = (body = "B", extra = "") => `id: c1\napp: shop\ntarget: {devices: [${DEVICE}]}\nnotification: {title: T, body: ${body}}\n${extra}`;
const list = Array.from({ length: 5000 }, (_, i) => `d${String(i).padStart(31, "0")}`).join(", ");

const cases = {
  "50 MB body": valid("x".repeat(50_000_000)),
  "nesting 1,000 deep": valid("B", `extra: ${"[".repeat(1000)}${"]".repeat(1000)}\n`),
  "self-referencing alias": `id: c1\napp: shop\ntarget: {devices: [${DEVICE}]}\nnotification: &n {title: T, body: B, ios: *n}\n`,
  "target key garbled": valid().replace("target:", "targe:"),
  "app: __proto__": valid().replace("app: shop", "app: __proto__"),
  "alias bomb (99 x 5,000 ids)": `a: &a [${list}]\nid: c1\napp: shop\ntarget: {devices: [${Array(99).fill("*a").join(", ")}]}\nnotification: {title: T, body: B}\n`,
  "20,000 repeated ids": `id: c1\napp: shop\ntarget: {devices: [${Array(20_000).fill(DEVICE).join(", ")}]}\nnotification: {title: T, body: B}\n`,
  "mPaaS 1 MB body": `id: w1\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: T, body: ${"x".repeat(1_000_000)}}\n`,
};

rmSync(work, { recursive: true, force: true });
console.log(`bin: ${bin}`);
for (const [name, text] of Object.entries(cases)) {
  const dir = join(work, name.replace(/[^a-z0-9]+/gi, "-"));
  mkdirSync(join(dir, "campaigns"), { recursive: true });
  writeFileSync(join(dir, "package.json"), "{}\n");
  writeFileSync(
    join(dir, ".pushrc.json"),
    JSON.stringify({
      apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } },
      endpoint: "local",
    }),
  );
  writeFileSync(join(dir, "campaigns", "x.yaml"), text);
  const started = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, bin, "validate", "--now", "2026-06-01T00:00:00Z"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = run.stderr.trim().split("\n");
  const peakMb = Number(lines.pop()) / 1024;
  const internal = lines.some((l) => l.includes("internal error"));
  const first = (run.stdout.split("\n")[0] ?? "").slice(0, 100);
  console.log(
    `${name.padEnd(30)} exit ${run.status}  ${seconds.toFixed(2)} s  peak RSS ${peakMb.toFixed(0)} MB  output ${(run.stdout.length + run.stderr.length).toLocaleString("en")} bytes${internal ? "  INTERNAL ERROR" : ""}  | ${first}`,
  );
}
rmSync(work, { recursive: true, force: true });
