import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PARALLEL_MIN_FILES } from "../../src/cli/parallel.js";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

/** The built bin, with stdout and stderr apart. */
function bin(cwd: string, args: string[], nodeFlags: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...nodeFlags, join(process.cwd(), "bin", "push.js"), ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** How many threads ran JavaScript in a run: V8 writes one CPU profile per isolate. */
function threadsOf(cwd: string, args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), "push-prof-"));
  try {
    bin(cwd, args, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    return readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a large project on two threads", () => {
  // Enough files for the worker; warnings, an error, audience files and a duplicate id in chunks far apart.
  const count = PARALLEL_MIN_FILES + 300;
  const files: Record<string, string> = { ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/vip.txt": "d1\nd2\nd1\n" };
  for (let i = 0; i < count; i++) {
    const id = i === count - 7 ? "c0003" : `c${String(i).padStart(4, "0")}`;
    files[`campaigns/c${String(i).padStart(4, "0")}.yaml`] =
      i % 3 === 0
        ? `id: ${id}\napp: wallet\ntarget: {users: [u${i}, u${i + 1}]}\nnotification: {title: Bill ${i}, body: due}\nttl: 3600\n`
        : `# ${i}\nid: ${id}\napp: shop\ntarget: {platform: ios, ${i % 50 === 1 ? "devicesFile: vip.txt" : `devices: [d${i}]`}}\nnotification: {title: Order ${i}, body: b, ios: {badge: ${i % 7}}${i % 100 === 2 ? ", android: {badgeSetNum: 1}" : ""}}\nschedule: {at: "2026-06-1${i % 9}T12:00:00Z"}\n`;
  }
  const NOW = ["--now", "2026-06-09T00:00:00Z"];

  it("compiles and validates byte for byte as one thread does", async () => {
    const project = tempProject(files);
    try {
      for (const args of [["compile", ...NOW], ["validate", "--format", "json", ...NOW], ["validate", ...NOW]]) {
        // In-process, from the TypeScript sources, the pipeline runs on one thread (there is no built worker).
        const one = await runPush(args, { cwd: project.root });
        const two = bin(project.root, args);
        expect(two.code).toBe(one.code);
        expect(two.stdout).toBe(one.stdout);
        expect(two.stderr).toBe(one.stderr);
      }
      expect(threadsOf(project.root, ["validate", ...NOW])).toBe(2);
      const doc = JSON.parse(bin(project.root, ["validate", "--format", "json", ...NOW]).stdout) as { diagnostics: Array<{ code: string }>; summary: object };
      expect(doc.summary).toEqual({ errors: 1, warnings: expect.any(Number), files: count, campaigns: count });
      expect(new Set(doc.diagnostics.map((d) => d.code))).toEqual(new Set(["duplicate-id", "audience-id-duplicate", "platform-block-unused"]));
    } finally {
      project.cleanup();
    }
  });
  it("fixes the id and compiles: the cache replays the two-thread output", async () => {
    const project = tempProject({ ...files, [`campaigns/c${String(count - 7).padStart(4, "0")}.yaml`]: "id: fixed\napp: shop\ntarget: {platform: ios, devices: [x]}\nnotification: {title: t, body: b}\n" });
    try {
      const first = bin(project.root, ["compile", ...NOW]);
      expect(first.code).toBe(0);
      expect((JSON.parse(first.stdout) as { tasks: unknown[] }).tasks.length).toBe(count);
      expect(bin(project.root, ["compile", ...NOW])).toEqual(first);
      expect((await runPush(["compile", ...NOW], { cwd: project.root })).stdout).toBe(first.stdout);
      // a small project stays on one thread
      expect(threadsOf(process.cwd(), ["validate"])).toBe(1);
    } finally {
      project.cleanup();
    }
  });
});
