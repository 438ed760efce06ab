/**
 * vitest globalSetup of the `postgres` project: a throwaway PostgreSQL server on loopback for the suites, or the
 * one in PUSH_TEST_PG_URL. The server refuses to run as root, so as root it runs as `nobody`. `.ci/run` makes sure
 * the server binaries are installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

function binary(name: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (found) return found;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) if (existsSync(join(root, version, "bin", name))) return join(root, version, "bin", name);
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  if (process.env.PUSH_TEST_PG_URL) {
    project.provide("pgUrl", process.env.PUSH_TEST_PG_URL);
    return;
  }
  const initdb = binary("initdb");
  const pgCtl = binary("pg_ctl");
  if (!initdb || !pgCtl) {
    console.warn("\n!!! PostgreSQL server binaries (initdb, pg_ctl) not found: the postgres suites are SKIPPED. Run scripts/ci-postgres.sh. !!!\n");
    project.provide("pgUrl", "");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "push-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, 65534, 65534);
  const run = (cmd: string, args: string[]) => execFileSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "nobody", "--", cmd, ...args] : args, { stdio: "pipe" });
  const port = await freePort();
  run(initdb, ["-D", join(dir, "data"), "-A", "trust", "-U", "push", "--no-sync"]);
  run(pgCtl, ["-D", join(dir, "data"), "-l", join(dir, "log"), "-w", "-o", `-k ${dir} -h 127.0.0.1 -p ${port} -F`, "start"]);
  project.provide("pgUrl", `postgres://push@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run(pgCtl, ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
