import { describe, expect, it } from "vitest";
import { start } from "./support.js";

// mPaaS rules of api-facts §3 and the mPaaS seed as the emulator answers them over HTTP: business failures are
// HTTP 200 with a result code (3028 INVALID_PARAM for a malformed parameter), never a 500.
const NOW = Date.parse("2026-06-01T04:00:00Z");
const base = { AppId: "ONEX570DA89211721", WorkspaceId: "test", TaskName: "t", Title: "Test", Content: "Test", DeliveryType: "3", ExpiredSeconds: "300" };
let seq = 0;
const target = () => JSON.stringify({ user1024: `k${seq++}` });

describe("emulator: mPaaS parameter types", () => {
  it("answers well-formed JSON of the wrong type with 3028", async () => {
    const { mpaas } = await start({ t: NOW });
    for (const TargetMsgkey of ["null", "[]", "7", '"abc"']) {
      expect(await mpaas("PushSimple", { ...base, TargetMsgkey }), TargetMsgkey).toMatchObject({ ResultCode: "3028", PushResult: { Success: false } });
    }
    const tomorrow = NOW + 86_400_000;
    for (const [StrategyType, StrategyContent] of [
      ["1", "null"],
      ["1", `{"fixedTime":"${tomorrow}"}`],
      ["2", "[]"],
      ["2", `{"startTime":${NOW},"endTime":${tomorrow},"circleType":2,"circleValue":"17","time":"09:45:11"}`],
      ["2", `{"startTime":${NOW},"endTime":${tomorrow},"circleType":1,"time":945}`],
    ]) {
      expect(await mpaas("PushSimple", { ...base, TargetMsgkey: target(), StrategyType: StrategyType!, StrategyContent: StrategyContent! }), StrategyContent).toMatchObject({ ResultCode: "3028" });
    }
  });
});
