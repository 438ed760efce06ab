#!/usr/bin/env node
// Frequency-cap benchmark (issue 14): three EMAS campaigns of 100,000 device ids each (a real audience file's
// size cap), 50,000 of them in all three, all within one day; prints the time and heap the cap check takes.
// Usage: npm run build && node bench/blast.mjs
import { compileProject } from "../dist/compile/index.js";
import { frequencyCapped } from "../dist/plan/blast.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const apps = { shop: { name: "shop", provider: "emas", appKeys: { ios: 233586006, android: 233586006, hmos: 233586006 } } };
const ids = (offset) => Array.from({ length: 100_000 }, (_, i) => `device-${String(i + offset).padStart(8, "0")}`);
const campaigns = [0, 25_000, 50_000].map((offset, i) => ({
  campaign: {
    id: `c${i}`,
    app: "shop",
    target: { platform: "ios", devices: ids(offset) },
    notification: { title: `c${i}`, body: "b" },
    schedule: { at: `2026-06-02T0${i + 1}:00:00Z` },
  },
  source: { file: "c.yaml", document: i, line: 1 },
}));
const { tasks, diagnostics } = compileProject(campaigns, { apps, now: NOW, defaultTimezone: "UTC", audienceFiles: {} });
if (diagnostics.length) throw new Error(JSON.stringify(diagnostics.slice(0, 3)));
const times = [];
let found;
for (let run = 0; run < 5; run++) {
  const t0 = process.hrtime.bigint();
  found = frequencyCapped(tasks, apps, { max: 2, perSeconds: 86_400 }, NOW);
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(
  `tasks: ${tasks.length} (300,000 ids in 3 campaigns), median of 5: ${times[2].toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
);
console.log(found.map((d) => d.message).join("\n"));
