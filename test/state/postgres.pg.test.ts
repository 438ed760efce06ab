import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { PostgresBackend } from "../../src/state/postgres/backend.js";
import type { StateBackend } from "../../src/state/backend.js";
import { describeBackendConformance } from "./conformance.js";

const url = inject("pgUrl");
const opened: StateBackend[] = [];
afterAll(async () => {
  for (const b of opened) await b.close();
});
const open = (schema: string) => {
  const backend = new PostgresBackend({ url, schema });
  opened.push(backend);
  return backend;
};

describeBackendConformance("postgres", async () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  return { backend: open(schema), reopen: () => open(schema) };
});
describe("postgres state backend", () => {
  it("creates its schema once under concurrent first use, and never shows the password", async () => {
    const schema = `t_${randomBytes(6).toString("hex")}`;
    await Promise.all([open(schema).read(), open(schema).read(), open(schema).read()]);
    const badUrl = new URL(url);
    badUrl.password = "s3cret";
    badUrl.port = "1";
    const bad = new PostgresBackend({ url: badUrl.href, schema });
    const error = await bad.read().catch((e: unknown) => e as Error);
    expect(String(error)).not.toContain("s3cret");
    expect(String(error)).toContain("cannot reach the postgres state");
    await bad.close();
  });
});
