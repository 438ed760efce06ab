import { defineConfig } from "push-campaigns";

// The example project: its campaigns reproduce the request bodies of the two provider documents in
// ../shared/seeds (EMAS PushV2, mPaaS PushSimple), against the embedded emulator.
export default defineConfig({
  apps: {
    shop: { provider: "emas", appKey: 233586006 },
    wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" },
  },
  endpoint: "local",
  state: { backend: "local" },
  defaults: { timezone: "Asia/Shanghai" },
  // The seeds schedule in 2021 (mPaaS) and 2025 (EMAS): the example project replays them on a pinned clock.
  // Allowed only with the embedded emulator; --now and PUSH_NOW override it.
  now: "2021-07-07T12:00:00+08:00",
});
