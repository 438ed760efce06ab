export type { LoopSpec, MpaasStrategy } from "./api.js";
export { resolveAt } from "./at.js";
export { formatUtc } from "./instant.js";
export { loopRuns, mpaasStrategies } from "./mpaas-loop.js";
export { allRuns, occurrences, runsWithin } from "./occurrences.js";
export { isValidZone, localDate, startOfDay, unknownZoneHint } from "./zones.js";
