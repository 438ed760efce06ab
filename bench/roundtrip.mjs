#!/usr/bin/env node
// Client-to-emulator round trips per second on loopback (issue 4): PushV2 and PushSimple through the real
// OpenAPI runtime (V3 signatures) against the emulator (signature checks). Target: at least 2,000/s each.
// Usage: npm run build && node bench/roundtrip.mjs [COUNT] [CONCURRENCY]
import { startEmulator } from "../dist/emulator/index.js";
import { OpenApiCaller } from "../dist/providers/openapi.js";

const count = Number(process.argv[2] ?? 5000);
const concurrency = Number(process.argv[3] ?? 16);
const emulator = await startEmulator({ clock: () => Date.parse("2026-06-01T00:00:00Z") });
const opts = { endpoint: emulator.endpoint, protocol: "http", regionId: "cn-hangzhou", credentials: emulator.credentials };
const emas = new OpenApiCaller("emas", opts);
const mpaas = new OpenApiCaller("mpaas", opts);
const pushTask = JSON.stringify({
  Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" },
  Notification: { Title: "Order Reminder", Body: "You have a new order" },
});

async function run(label, call) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await call(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(12)} ${count} calls, concurrency ${concurrency}: ${seconds.toFixed(2)} s, ${(count / seconds).toFixed(0)} round trips/s`);
}

await run("PushV2", () => emas.call("PushV2", "2016-08-01", { query: { AppKey: "233586006", PushTask: pushTask } }));
await run("PushSimple", (i) =>
  mpaas.call("PushSimple", "2020-10-28", {
    body: {
      AppId: "ONEX570DA89211721",
      WorkspaceId: "test",
      TaskName: "t",
      Title: "Test",
      Content: "Test",
      DeliveryType: "3",
      TargetMsgkey: JSON.stringify({ user1024: `k${i}` }),
      ExpiredSeconds: "300",
    },
  }),
);
await emulator.close();
