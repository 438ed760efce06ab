import type { Plan } from "../../model/plan.js";

/** The plan document (`formatVersion` 3): what `--format json` prints and `--out` saves; the other views read it. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
