import { defineConfig } from "vitest/config";

// Named projects: the fast unit suites, and the end-to-end suites (the built bin spawned for real). Both run in
// CI (`npm test`); none is skipped quietly.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.e2e.test.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
