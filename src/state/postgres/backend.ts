/**
 * The postgres state backend, for teams and CI runners that share state: one row per task, the history as rows,
 * the serial and lineage in a meta row; every commit one transaction with a compare-and-swap on the serial; the
 * lock a session-level `pg_advisory_lock` on a dedicated connection (released by the server if the holder dies),
 * with the holder's details in a row. The schema is created on first use by versioned migrations. `pg` loads
 * only when this backend is used.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Pool, PoolClient } from "pg";
import { maskUrl } from "../../diagnostics/secrets.js";
import type { HistoryEntry, StateChange, StateSnapshot, TaskRecord } from "../../model/state.js";
import { LockHeldError, LockLostError, StaleStateError, StateError, type LockInfo, type LockOptions, type StateBackend, type Unlock } from "../backend.js";
import { currentRecord } from "../change.js";

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS meta (id int PRIMARY KEY CHECK (id = 1), lineage text NOT NULL, serial bigint NOT NULL);
   CREATE TABLE IF NOT EXISTS tasks (key text PRIMARY KEY, record jsonb NOT NULL);
   CREATE TABLE IF NOT EXISTS history (id bigserial PRIMARY KEY, entry jsonb NOT NULL);
   CREATE TABLE IF NOT EXISTS locks (id int PRIMARY KEY CHECK (id = 1), holder jsonb NOT NULL);`,
];

function lockKey(schema: string): number {
  let h = 0;
  for (const c of `push:${schema}`) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

export class PostgresBackend implements StateBackend {
  readonly kind = "postgres";
  private pool: Pool | null = null;
  private ready: Promise<void> | null = null;
  private readonly schema: string;
  /** Set when the lock's connection broke while held (the server then released the lock): no commit after it. */
  private lockLost: string | null = null;

  constructor(private readonly options: { url: string; schema?: string }) {
    this.schema = options.schema ?? "push";
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new StateError(`state.schema "${this.schema}" must be a lower-case SQL identifier`);
  }

  private async client(): Promise<Pool> {
    if (!this.pool) {
      const pg = await import("pg");
      this.pool = new (pg.default?.Pool ?? pg.Pool)({ connectionString: this.options.url, max: 4 });
      this.pool.on("error", () => undefined); // an idle client's error surfaces on the next query
    }
    this.ready ??= this.migrate(this.pool);
    await this.ready;
    return this.pool;
  }

  private async migrate(pool: Pool): Promise<void> {
    let c: PoolClient;
    try {
      c = await pool.connect();
    } catch (cause) {
      throw new StateError(`cannot reach the postgres state at ${maskUrl(this.options.url)}: ${(cause as Error).message}`);
    }
    try {
      await c.query("BEGIN");
      await c.query("SELECT pg_advisory_xact_lock($1)", [lockKey(this.schema) ^ 1]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await c.query(`SET LOCAL search_path TO ${this.schema}`);
      await c.query("CREATE TABLE IF NOT EXISTS migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
      const done = new Set((await c.query<{ version: number }>("SELECT version FROM migrations")).rows.map((r) => r.version));
      for (const [i, sql] of MIGRATIONS.entries()) {
        if (done.has(i + 1)) continue;
        await c.query(sql);
        await c.query("INSERT INTO migrations (version) VALUES ($1)", [i + 1]);
      }
      await c.query("INSERT INTO meta (id, lineage, serial) VALUES (1, $1, 0) ON CONFLICT (id) DO NOTHING", [randomUUID()]);
      await c.query("COMMIT");
    } catch (cause) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw cause;
    } finally {
      c.release();
    }
  }

  async read(): Promise<StateSnapshot> {
    const pool = await this.client();
    const t = (name: string) => `${this.schema}.${name}`;
    const meta = (await pool.query<{ lineage: string; serial: string }>(`SELECT lineage, serial FROM ${t("meta")} WHERE id = 1`)).rows[0]!;
    const tasks: Record<string, TaskRecord> = {};
    for (const row of (await pool.query<{ record: TaskRecord }>(`SELECT record FROM ${t("tasks")} ORDER BY key`)).rows)
      tasks[row.record.key] = currentRecord(row.record);
    const history = (await pool.query<{ entry: HistoryEntry }>(`SELECT entry FROM ${t("history")} ORDER BY id`)).rows.map((r) => r.entry);
    return { version: 1, lineage: meta.lineage, serial: Number(meta.serial), tasks, history };
  }

  /** A checked-out client: its connection's errors are heard here (unheard, they crash the process). */
  private async connect(pool: Pool, onError: (error: Error) => void = () => undefined): Promise<PoolClient> {
    const c = await pool.connect();
    c.on("error", onError);
    return c;
  }

  /**
   * One transaction on the state, its serial locked and checked against `expectedSerial` (when given) first: the
   * compare-and-swap every write goes through. `what` names the write in an error.
   */
  private async transaction<T>(
    what: string,
    expectedSerial: number | undefined,
    write: (query: PoolClient["query"], serial: number, t: (name: string) => string) => Promise<T>,
  ): Promise<T> {
    if (this.lockLost) throw new LockLostError(this.lockLost);
    const pool = await this.client();
    const t = (name: string) => `${this.schema}.${name}`;
    const c = await this.connect(pool);
    try {
      await c.query("BEGIN");
      const serial = Number((await c.query<{ serial: string }>(`SELECT serial FROM ${t("meta")} WHERE id = 1 FOR UPDATE`)).rows[0]!.serial);
      if (expectedSerial !== undefined && serial !== expectedSerial) throw new StaleStateError(expectedSerial, serial);
      const result = await write(c.query.bind(c) as PoolClient["query"], serial, t);
      await c.query("COMMIT");
      return result;
    } catch (cause) {
      await c.query("ROLLBACK").catch(() => undefined);
      if (cause instanceof StateError) throw cause;
      throw new StateError(`cannot ${what} the postgres state ${maskUrl(this.options.url)} (schema ${this.schema}): ${(cause as Error).message}`);
    } finally {
      c.release();
    }
  }

  async commit(change: StateChange, expectedSerial?: number): Promise<number> {
    return this.transaction("commit to", expectedSerial, async (query, serial, t) => {
      if (change.remove?.length) await query(`DELETE FROM ${t("tasks")} WHERE key = ANY($1)`, [change.remove]);
      for (const record of change.upsert ?? []) {
        await query(`INSERT INTO ${t("tasks")} (key, record) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET record = EXCLUDED.record`, [
          record.key,
          JSON.stringify(record),
        ]);
      }
      for (const entry of change.history ?? []) await query(`INSERT INTO ${t("history")} (entry) VALUES ($1)`, [JSON.stringify(entry)]);
      await query(`UPDATE ${t("meta")} SET serial = $1 WHERE id = 1`, [serial + 1]);
      return serial + 1;
    });
  }

  async restore(snapshot: StateSnapshot, expectedSerial: number): Promise<void> {
    await this.transaction("restore", expectedSerial, async (query, _serial, t) => {
      await query(`DELETE FROM ${t("tasks")}`);
      await query(`DELETE FROM ${t("history")}`);
      for (const record of Object.values(snapshot.tasks))
        await query(`INSERT INTO ${t("tasks")} (key, record) VALUES ($1, $2)`, [record.key, JSON.stringify(record)]);
      for (const entry of snapshot.history) await query(`INSERT INTO ${t("history")} (entry) VALUES ($1)`, [JSON.stringify(entry)]);
      await query(`UPDATE ${t("meta")} SET lineage = $1, serial = $2 WHERE id = 1`, [snapshot.lineage, snapshot.serial]);
    });
  }

  async lock(info: LockInfo, options: LockOptions): Promise<Unlock> {
    const pool = await this.client();
    let held = false;
    const c = await this.connect(pool, (error) => {
      if (held)
        this.lockLost = `the connection holding the state lock on postgres ${maskUrl(this.options.url)} (schema ${this.schema}) broke (${error.message}): the server released the lock, so nothing more is written`;
    });
    const key = lockKey(this.schema);
    const deadline = Date.now() + options.waitMs;
    try {
      for (;;) {
        if ((await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [key])).rows[0]!.ok) break;
        if (Date.now() >= deadline) {
          const holder = (await c.query<{ holder: LockInfo }>(`SELECT holder FROM ${this.schema}.locks WHERE id = 1`)).rows[0]?.holder ?? null;
          throw new LockHeldError(holder, `postgres ${maskUrl(this.options.url)} (schema ${this.schema})`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      held = true;
      this.lockLost = null;
      await c.query(`INSERT INTO ${this.schema}.locks (id, holder) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder`, [
        JSON.stringify({ ...info, pid: process.pid, hostname: hostname() }),
      ]);
    } catch (cause) {
      c.release(cause instanceof Error ? cause : true);
      throw cause;
    }
    return async () => {
      held = false;
      if (this.lockLost) {
        // The connection is gone and the server released the lock with it; the holder row may be another's now.
        c.release(true);
        return;
      }
      try {
        await c.query(`DELETE FROM ${this.schema}.locks WHERE id = 1`);
        await c.query("SELECT pg_advisory_unlock($1)", [key]);
        c.release();
      } catch (cause) {
        c.release(true);
        throw cause;
      }
    };
  }

  async close(): Promise<void> {
    await this.pool?.end();
    this.pool = null;
    this.ready = null;
  }
}
