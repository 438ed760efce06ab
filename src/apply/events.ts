/** What apply reports as it goes: typed events, worded by render/apply/progress.ts. */
import type { Operation } from "../model/plan.js";

export type ApplyEvent =
  | { kind: "retrying"; code: string; attempt: number; of: number }
  | { kind: "done"; op: Operation["kind"]; key: string; via?: "MassPushV2" }
  | { kind: "failed"; op: Operation["kind"]; key: string; message: string }
  | { kind: "batch-failed"; count: number; message: string }
  | { kind: "stopped"; reason: string };
