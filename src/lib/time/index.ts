export type { AtResult, LoopSpec, MpaasStrategy, OccurrenceWindow } from "./api.js";
export { resolveAt } from "./at.js";
export { formatUtc, timestamp } from "./instant.js";
export { loopRuns, mpaasStrategies } from "./mpaas-loop.js";
export { allRuns, occurrences } from "./occurrences.js";
export { isValidZone, localDate, startOfDay, unknownZoneHint } from "./zones.js";
