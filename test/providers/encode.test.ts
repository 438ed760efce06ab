import { describe, expect, it } from "vitest";
import { encodePushTask } from "../../src/providers/emas/encode.js";
import { encodePushSimple } from "../../src/providers/mpaas/provider.js";
import { transportMessage } from "../../src/providers/openapi.js";

describe("wire encoding", () => {
  it("writes PushTask as the SDK does: keys sorted at every level, compact (api-facts §1.4 vector)", () => {
    const text = encodePushTask({
      Action: "SCHEDULED_PUSH",
      Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" },
      Notification: { Title: "Event Reminder", Body: "The event you scheduled is about to start", Ios: { ApnsEnv: "PRODUCT" } },
      Options: { PushTime: "2025-06-19T12:00:00Z" },
    });
    expect(text).toBe(
      '{"Action":"SCHEDULED_PUSH","Notification":{"Body":"The event you scheduled is about to start","Ios":{"ApnsEnv":"PRODUCT"},"Title":"Event Reminder"},"Options":{"PushTime":"2025-06-19T12:00:00Z"},"Target":{"Platform":"IOS","Type":"DEVICE","Value":"device-id"}}',
    );
  });
  it("orders keys as the SDK models' names() do: camelCase property names in code-unit order", () => {
    const text = encodePushTask({
      Notification: { Hmos: { ExtensionPush: true, ExtensionExtraData: "e", ExtParameters: '{"a":"1"}', BadgeSetNum: 1, Category: "IM" } },
    });
    expect(text).toBe(
      '{"Notification":{"Hmos":{"BadgeSetNum":1,"Category":"IM","ExtParameters":"{\\"a\\":\\"1\\"}","ExtensionExtraData":"e","ExtensionPush":true}}}',
    );
  });
  it("writes a MessageId above 2^53 as an exact bare number", () => {
    const text = encodePushTask({
      Action: "CONTINUOUS_PUSH",
      Options: { MessageId: "11747540331280013" },
      Target: { Type: "DEVICE", Value: "d", Platform: "IOS" },
    });
    expect(text).toBe('{"Action":"CONTINUOUS_PUSH","Options":{"MessageId":11747540331280013},"Target":{"Platform":"IOS","Type":"DEVICE","Value":"d"}}');
    expect(() => encodePushTask({ Options: { MessageId: "12e3" } })).toThrow(/digit string/);
  });
  it("JSON-encodes PushSimple maps and stringifies scalars", () => {
    expect(
      encodePushSimple({
        AppId: "A",
        WorkspaceId: "w",
        TaskName: "t",
        Title: "T",
        Content: "C",
        DeliveryType: 3,
        TargetMsgkey: { u: "k" },
        ExpiredSeconds: 300,
        ThirdChannelCategory: { hms: "9" },
      }),
    ).toEqual({
      AppId: "A",
      WorkspaceId: "w",
      TaskName: "t",
      Title: "T",
      Content: "C",
      DeliveryType: "3",
      TargetMsgkey: '{"u":"k"}',
      ExpiredSeconds: "300",
      ThirdChannelCategory: '{"hms":"9"}',
    });
  });

  it("sets the request apart from a socket error's message, which the HTTP client runs together", () => {
    expect(transportMessage("connect ECONNREFUSED 127.0.0.1:4598POST http://127.0.0.1:4598/?AppKey=1&Page=1 failed.")).toBe(
      "connect ECONNREFUSED 127.0.0.1:4598 (POST http://127.0.0.1:4598/)",
    );
    expect(transportMessage("getaddrinfo ENOTFOUND undefinedGET https://undefined/ failed")).toBe("getaddrinfo ENOTFOUND undefined (GET https://undefined/)");
    expect(transportMessage("Specified signature is not matched with our calculation.")).toBe("Specified signature is not matched with our calculation.");
  });
});
