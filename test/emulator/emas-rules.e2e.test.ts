import { describe, expect, it } from "vitest";
import { failure, start } from "./support.js";

// EMAS rules of api-facts §2 as the emulator answers them over HTTP: a refused request is a 400 with the
// provider's parameter code (never a 500, which clients retry), and it records nothing.
const NOW = Date.parse("2026-06-01T00:00:00Z");
const task = (extra: object = {}) => ({ Target: { Type: "DEVICE", Value: "device-id", Platform: "IOS" }, Notification: { Title: "T", Body: "B" }, ...extra });
const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("emulator: EMAS parameter types", () => {
  it("answers well-formed JSON of the wrong type with 400 Invalid<Param>.Format", async () => {
    const { emas } = await start({ t: NOW });
    for (const raw of ["null", "123", "[]", '"x"', '{"Target":"DEVICE"}', '{"Target":{"Type":1}}', '{"Notification":[]}', '{"Options":{"PushTime":5}}']) {
      const e = await failure(emas("PushV2", { AppKey: "1", PushTask: raw }));
      expect(e, raw).toMatchObject({ code: "InvalidPushTask.Format", httpStatus: 400, kind: "client" });
    }
    for (const raw of ["[null]", "{}", `[${JSON.stringify(task())},7]`]) {
      const e = await failure(emas("MassPushV2", { AppKey: "1", PushTasks: raw }));
      expect(e, raw).toMatchObject({ code: "InvalidPushTasks.Format", httpStatus: 400 });
    }
    expect((await failure(emas("MassPushV2", { AppKey: "1", PushTasks: "[null]" }))).providerMessage).toBe("PushTasks[0] must be a JSON object.");
  });
});
