import type { TimeApi } from "./api.js";
import { resolveAt } from "./at.js";
import { mpaasStrategies } from "./mpaas-loop.js";
import { occurrences } from "./occurrences.js";
import { isValidZone, localDate, startOfDay } from "./zones.js";

export type { AtResult, LoopSpec, MpaasStrategy, OccurrenceWindow, TimeApi } from "./api.js";
export { formatUtc, resolveAt } from "./at.js";
export { loopRuns, mpaasStrategies } from "./mpaas-loop.js";
export { allRuns, occurrences } from "./occurrences.js";
export { isValidZone, localDate, startOfDay } from "./zones.js";

export const time: TimeApi = { resolveAt, occurrences, mpaasStrategies, localDate, startOfDay, isValidZone };
