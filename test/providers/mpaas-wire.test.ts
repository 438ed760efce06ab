import { describe, expect, it } from "vitest";
import type { PushSimpleRequest } from "../../src/model/task.js";
import { encodePushSimple } from "../../src/providers/mpaas/provider.js";
import { loopStrategy, requestFromRecord, wireRequest } from "../../src/providers/mpaas/wire.js";
import { currentRecord } from "../../src/state/change.js";
import type { TaskRecord } from "../../src/model/state.js";

const base = { AppId: "A", WorkspaceId: "w", TaskName: "t", Title: "T", Content: "C", DeliveryType: 3, ExpiredSeconds: 300 } as const;
const loop: PushSimpleRequest = {
  ...base,
  TargetMsgkey: { u1: "k1" },
  StrategyType: 2,
  // Keys out of the seed's order: the text is written in the seed's order all the same.
  StrategyContent: { time: "10:00:00", circleValue: [1, 4], circleType: 2, endTime: 1782662400000, startTime: 1780243200000 },
};

describe("mPaaS JSON-text parameters", () => {
  it("are data inside push and JSON text on the wire, in the seed's key order", () => {
    expect(wireRequest(loop)).toEqual({
      ...base,
      TargetMsgkey: '{"u1":"k1"}',
      StrategyType: 2,
      StrategyContent: '{"startTime":1780243200000,"endTime":1782662400000,"circleType":2,"circleValue":[1,4],"time":"10:00:00"}',
    });
    expect(encodePushSimple(loop).StrategyContent).toBe(wireRequest(loop).StrategyContent);
    expect(wireRequest({ ...base, TargetMsgkey: {}, StrategyType: 1, StrategyContent: { fixedTime: 1630303126000 } }).StrategyContent).toBe(
      '{"fixedTime":1630303126000}',
    );
    expect(wireRequest({ ...base, TargetMsgkey: {} })).not.toHaveProperty("StrategyContent");
  });

  it("read from a record written when they were JSON text, become data once", () => {
    const text = wireRequest(loop);
    expect(requestFromRecord(text)).toEqual({ ...loop, StrategyContent: JSON.parse(text.StrategyContent!) });
    expect(requestFromRecord(loop)).toBe(loop);
    const record = { key: "k", provider: "mpaas", status: "scheduled", request: text } as unknown as TaskRecord;
    expect(currentRecord(record).request).toEqual(requestFromRecord(text));
    expect(loopStrategy(currentRecord(record).request as PushSimpleRequest)?.circleValue).toEqual([1, 4]);
  });

  it("that are damaged in a record are an internal error that names them", () => {
    expect(() => requestFromRecord({ ...wireRequest(loop), TargetMsgkey: "[1]" })).toThrow(
      /internal error: a recorded mPaaS request's TargetMsgkey is not a JSON object/,
    );
  });
});
