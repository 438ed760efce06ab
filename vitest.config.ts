import { defineConfig } from "vitest/config";

// Named projects: the fast unit suites, the end-to-end suites (the built bin spawned, the emulator over HTTP) and
// the PostgreSQL suites (a throwaway server on loopback). All run in CI (`npm test`); none is skipped quietly.
// A CI runner sets CI, and push then refuses to start a local state (src/cli/state-guard.ts): the suites run as on
// a developer's machine, and the ones about CI set it themselves.
const env = { CI: "" };

export default defineConfig({
  test: {
    // dist/ is built (incrementally) before any suite, so the spawned bin never runs code older than src/.
    globalSetup: ["test/setup/build.ts"],
    projects: [
      {
        test: {
          name: "unit",
          env,
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.e2e.test.ts", "test/**/*.pg.test.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          env,
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "postgres",
          env,
          include: ["test/**/*.pg.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ["test/setup/postgres.ts"],
        },
      },
    ],
  },
});
