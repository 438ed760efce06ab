/**
 * temporal-polyfill, loaded on first use (it takes a cold start about 14 ms): a project whose times are all
 * instants (`2026-06-19T12:00:00Z`) never needs it. Node >= 20.19 loads the ES module synchronously.
 */
import { createRequire } from "node:module";
import type { Temporal } from "temporal-polyfill";

let loaded: typeof Temporal | null = null;

export function temporal(): typeof Temporal {
  return (loaded ??= (createRequire(import.meta.url)("temporal-polyfill") as { Temporal: typeof Temporal }).Temporal);
}
