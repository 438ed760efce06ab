#!/usr/bin/env node
// Emulator request-size benchmark (issue 10, item 10). Starts the emulator in this process and streams an
// unauthenticated chunked body of 1 GiB at it (the client reuses one 1 MiB buffer, so the process's memory is the
// server's), then prints how many bytes went out before the answer, the answer, and the process's RSS before and
// its peak after.
// Usage: npm run build && node bench/emulator-body.mjs [REPO]   (REPO: another checkout's built tree, for a before/after)
import { request } from "node:http";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
if (!existsSync(join(repo, "dist", "emulator", "index.js"))) {
  console.error(`no dist/ in ${repo}: run \`npm run build\` there first`);
  process.exit(1);
}
const { startEmulator } = await import(join(repo, "dist", "emulator", "index.js"));
const TOTAL = Number(process.env.BENCH_BYTES ?? 1 << 30);
const emulator = await startEmulator({});
const rssBefore = process.memoryUsage().rss;
const chunk = Buffer.alloc(1 << 20, "a");
const start = performance.now();
const result = await new Promise((done) => {
  let sent = 0;
  let answered = false;
  const req = request({
    host: "127.0.0.1",
    port: emulator.port,
    method: "POST",
    path: "/",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-acs-action": "PushSimple",
      "x-acs-version": "2020-10-28",
      "transfer-encoding": "chunked",
    },
  });
  req.on("response", (res) => {
    answered = true;
    let text = "";
    res.on("data", (d) => (text += d));
    res.on("end", () => {
      req.destroy();
      done({ sent, status: res.statusCode, code: JSON.parse(text).Code });
    });
  });
  // The server may drop the connection instead of answering (main did so past about 1 GB).
  req.on("error", (e) => done({ sent, status: "no answer", code: e.code ?? e.message }));
  const pump = () => {
    while (!answered && sent < TOTAL) {
      sent += chunk.length;
      if (!req.write(chunk)) return void req.once("drain", pump);
    }
    if (!answered) req.end();
  };
  pump();
});
const ms = performance.now() - start;
await emulator.close();
const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(
  `unsigned ${mb(TOTAL)} chunked body: answered ${result.status} ${result.code} after ${mb(result.sent)} sent, ${(ms / 1000).toFixed(2)} s; RSS before ${mb(rssBefore)}, peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
);
