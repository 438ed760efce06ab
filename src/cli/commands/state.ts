import type { HistoryEntry, TaskRecord } from "../../model/state.js";
import { maskUrl } from "../../diagnostics/secrets.js";
import type { Workspace } from "../../pipeline/workspace.js";
import type { StateBackend, StateConfig } from "../../state/backend.js";
import { migrateState } from "../../state/migrate.js";
import { stateWhere } from "../../state/placement.js";
import { resolveClock } from "../clock.js";
import type { CliIO } from "../io.js";
import { timestamp } from "../../lib/time/instant.js";

const iso = (s: string | null) => s ?? "when applied";

/** A one-off task recorded as scheduled whose time has passed was sent, unless drift says otherwise (push plan asks). */
function shownStatus(record: TaskRecord, now: number): string {
  const loop = "StrategyType" in record.request && record.request.StrategyType === 2;
  return record.status === "scheduled" && !loop && record.sendAt !== null && Date.parse(record.sendAt) <= now ? "sent*" : record.status;
}

/** `now`: the run's clock; without it, PUSH_NOW or the time of day. */
export async function stateList(backend: StateBackend, io: CliIO, options: { format: "text" | "json"; now?: number }): Promise<number> {
  const snapshot = await backend.read();
  const records = Object.values(snapshot.tasks).sort((a, b) => a.key.localeCompare(b.key));
  if (options.format === "json") {
    io.stdout.write(
      `${JSON.stringify({ lineage: snapshot.lineage, serial: snapshot.serial, tasks: records.map(({ request: _request, ...r }) => r) }, null, 2)}\n`,
    );
    return 0;
  }
  const now = options.now ?? resolveClock(undefined, io.env, null).now();
  const rows = [
    ["KEY", "PROVIDER", "APP", "STATUS", "REMOTE ID", "SEND AT"],
    ...records.map((r) => [r.key, r.provider, r.app, shownStatus(r, now), r.remoteId ?? "-", iso(r.sendAt)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const note = rows.some((r) => r[3] === "sent*") ? "* recorded as scheduled; its send time has passed (push plan asks the provider)\n" : "";
  io.stdout.write(
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + `\n${note}${records.length} task(s), serial ${snapshot.serial}\n`,
  );
  return 0;
}

export async function stateShow(backend: StateBackend, key: string, io: CliIO, _options: { format: "text" | "json" }): Promise<number> {
  const record = (await backend.read()).tasks[key];
  if (!record) {
    io.stderr.write(`error: no recorded task "${key}" (see push state list)\n`);
    return 1;
  }
  io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  return 0;
}

export async function stateRm(backend: StateBackend, keys: string[], io: CliIO, who: { actor: string; commit: string | null }): Promise<number> {
  const unlock = await backend.lock({ owner: who.actor, operation: "state rm", acquiredAt: timestamp(Date.now()) }, { waitMs: 10_000 });
  try {
    const snapshot = await backend.read();
    const missing = keys.filter((k) => !snapshot.tasks[k]);
    if (missing.length) {
      io.stderr.write(`error: no recorded task ${missing.map((k) => `"${k}"`).join(", ")}\n`);
      return 1;
    }
    await backend.commit({
      remove: keys,
      history: [
        {
          at: timestamp(Date.now()),
          actor: who.actor,
          commit: who.commit,
          command: "state rm",
          operations: keys.map((key) => ({ kind: "forget", key, outcome: "ok" as const })),
        },
      ],
    });
    io.stdout.write(`forgot ${keys.length} task(s); the provider was not called\n`);
    return 0;
  } finally {
    await unlock();
  }
}

export async function stateHistory(backend: StateBackend, io: CliIO, options: { format: "text" | "json"; limit?: number }): Promise<number> {
  const history = (await backend.read()).history.slice(-(options.limit ?? Infinity));
  if (options.format === "json") io.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
  else
    for (const h of runsOf(history))
      io.stdout.write(
        `${h.at}  ${h.actor}  ${h.commit ?? "(no commit)"}  ${h.command}: ${h.operations.length} operation(s)\n${h.operations.map((o) => `  ${o.outcome === "ok" ? "ok    " : "FAILED"} ${o.kind} ${o.key}${o.remoteId ? ` -> ${o.remoteId}` : ""}${o.error ? `: ${o.error}` : ""}\n`).join("")}`,
      );
  return 0;
}

/** Apply records an entry per operation as it goes; consecutive entries of one run read as one. */
function runsOf(history: HistoryEntry[]): HistoryEntry[] {
  const runs: HistoryEntry[] = [];
  for (const h of history) {
    const last = runs[runs.length - 1];
    if (last && last.command === h.command && last.actor === h.actor && last.commit === h.commit) last.operations.push(...h.operations);
    else runs.push({ ...h, operations: [...h.operations] });
  }
  return runs;
}

/**
 * `push state migrate --from BACKEND`: the state of `from` into the configured state of this run (its `--env`),
 * lineage, serial and history kept (Terraform's `init -migrate-state`: change the config, then migrate).
 */
export async function stateMigrate(ws: Workspace, from: StateConfig, io: CliIO): Promise<number> {
  const { createBackend } = await import("../../state/factory.js");
  const source = createBackend(from, ws.root);
  try {
    const where = { source: maskUrl(stateWhere(from)), target: ws.state.where };
    const result = await migrateState(source, await ws.backend(), where, { owner: ws.identity.actor, acquiredAt: timestamp(Date.now()) });
    if (result.outcome === "refused") {
      io.stderr.write(`error: state migrate refused: ${result.reason}\n`);
      return 1;
    }
    if (result.outcome === "current") {
      io.stdout.write(`${where.target} holds this state already (lineage ${result.lineage}, serial ${result.serial}): nothing migrated\n`);
      return 0;
    }
    io.stdout.write(
      `migrated ${result.tasks} task(s) and ${result.history} history entr${result.history === 1 ? "y" : "ies"} from ${where.source} to ${where.target} (lineage ${result.lineage}, serial ${result.serial}); ${where.source} is left as it was\n`,
    );
    return 0;
  } finally {
    await source.close();
  }
}
