import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROUNDS = 80;
const RACERS = 6;
const backendUrl = pathToFileURL(join(process.cwd(), "dist", "state", "local", "backend.js")).href;

/** A node process running `script` (an ES module) with the built local backend as `LocalBackend`. */
function node(script: string, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--input-type=module", "-e", `import { LocalBackend } from ${JSON.stringify(backendUrl)};\n${script}`, ...args]);
}

/** Resolves with the first `count` lines a child prints (and keeps listening). */
function lines(child: ChildProcessWithoutNullStreams): (count: number) => Promise<string[]> {
  let buffer = "";
  const seen: string[] = [];
  let waiter: (() => void) | null = null;
  child.stdout.on("data", (d) => {
    buffer += d;
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    seen.push(...parts);
    waiter?.();
  });
  return (count) =>
    new Promise((resolve) => {
      const check = () => (seen.length >= count ? resolve(seen.slice(0, count)) : (waiter = check));
      check();
    });
}

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];
afterEach(() => {
  children.splice(0).forEach((c) => c.kill("SIGKILL"));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe("a stale lock (its holder killed) raced for by several processes at once", () => {
  it(`is taken over by exactly one of them, in each of ${ROUNDS} rounds`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "push-lock-race-"));
    dirs.push(dir);
    const paths = Array.from({ length: ROUNDS }, (_, i) => join(dir, `r${i}`, "state.json"));
    // One process takes every round's lock, then dies holding them all.
    const holder = node(
      `for (const path of process.argv.slice(1)) await new LocalBackend(path).lock({ owner: "killed", operation: "apply", acquiredAt: "x" }, { waitMs: 0 }); console.log("held");`,
      paths,
    );
    children.push(holder);
    await lines(holder)(1);
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("close", r));

    const racers = Array.from({ length: RACERS }, (_, n) => {
      const child = node(
        `const paths = process.argv.slice(1); const held = [];
         process.stdin.setEncoding("utf8");
         let buffer = "";
         process.stdin.on("data", async (d) => {
           buffer += d; const parts = buffer.split("\\n"); buffer = parts.pop();
           for (const line of parts) {
             const i = Number(line);
             try { held.push(await new LocalBackend(paths[i]).lock({ owner: "racer-${n}", operation: "apply", acquiredAt: "x" }, { waitMs: 0 })); console.log(i + " won"); }
             catch (e) { console.log(i + " lost " + String(e.message).split("\\n")[0]); }
           }
         });
         console.log("ready");`,
        paths,
      );
      children.push(child);
      return { child, read: lines(child) };
    });
    await Promise.all(racers.map((r) => r.read(1)));
    const winners: number[] = [];
    const odd: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const r of racers) r.child.stdin.write(`${i}\n`);
      const answers = (await Promise.all(racers.map((r) => r.read(i + 2)))).map((seen) => seen[i + 1]!);
      winners.push(answers.filter((a) => a === `${i} won`).length);
      odd.push(...answers.filter((a) => !a.endsWith(" won") && !a.includes("is held by racer-")));
    }
    expect(winners.filter((w) => w > 1).length, `rounds with more than one winner: ${JSON.stringify(winners)}`).toBe(0);
    expect(winners.filter((w) => w === 0).length, `rounds without a winner: ${JSON.stringify(winners)}`).toBe(0);
    expect(odd).toEqual([]);
  });
});
