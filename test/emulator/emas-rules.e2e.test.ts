import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StoreData } from "../../src/emulator/store.js";
import { failure, start, stop } from "./support.js";

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

describe("emulator: PushV2 value rules (api-facts §2.3, §2.4)", () => {
  const android = (Notification: object) => task({ Target: { Type: "DEVICE", Value: "d", Platform: "ANDROID" }, Notification });
  it("refuses values the documents rule out, each with its own code", async () => {
    const { emas } = await start({ t: NOW });
    const refuse = async (pushTask: object, AppKey = "1") => (await failure(emas("PushV2", { AppKey, PushTask: JSON.stringify(pushTask) }))).code;
    expect(await refuse(task(), "not-a-number")).toBe("InvalidAppKey.Format");
    expect(await refuse(task({ Target: { Type: "NONSENSE", Value: "x" } }))).toBe("InvalidTarget.Type");
    expect(await refuse(task({ Message: { Title: "t", Body: "x".repeat(4100) } }))).toBe("InvalidMessage.TooLong");
    expect(await refuse(android({ Title: "x".repeat(51), Body: "b" }))).toBe("InvalidTitle.TooLong");
    expect(await refuse(task({ Notification: { Title: "汉".repeat(67), Body: "b" } }))).toBe("InvalidTitle.TooLong"); // 201 bytes on iOS
    expect(await refuse(task({ Target: { Type: "ALL" }, Notification: { Title: "x".repeat(51), Body: "b" } }))).toBe("InvalidTitle.TooLong"); // Android too
    expect(await refuse(task({ Notification: { Title: "t", Body: "x".repeat(201) } }))).toBe("InvalidBody.TooLong");
    expect(await refuse(task({ Options: { ExpireTime: at(NOW + 80 * 3_600_000) } }))).toBe("InvalidExpireTime.TooLate");
    expect(await refuse(task({ Options: { ExpireTime: "2026-06-02" } }))).toBe("InvalidExpireTime.Format");
    const inAnHour = NOW + 3_600_000;
    expect(await refuse(task({ Action: "SCHEDULED_PUSH", Options: { PushTime: at(inAnHour), ExpireTime: at(inAnHour + 1000) } }))).toBe(
      "InvalidExpireTime.TooEarly",
    );
  });
  it("accepts the limits themselves, counting the 72 hours from PushTime", async () => {
    const { emas } = await start({ t: NOW });
    const accept = async (pushTask: object) => (await emas("PushV2", { AppKey: "1", PushTask: JSON.stringify(pushTask) })).MessageId;
    expect(await accept(android({ Title: "x".repeat(50), Body: "x".repeat(200) }))).toMatch(/^\d{17}$/);
    expect(await accept(task({ Notification: { Title: "x".repeat(200), Body: "b" } }))).toMatch(/^\d{17}$/); // iOS: 200 bytes
    expect(await accept(task({ Message: { Body: "x".repeat(3980) } }))).toMatch(/^\d{17}$/);
    const inADay = NOW + 86_400_000;
    expect(await accept(task({ Action: "SCHEDULED_PUSH", Options: { PushTime: at(inADay), ExpireTime: at(inADay + 72 * 3_600_000) } }))).toMatch(/^\d{17}$/);
  });
});

describe("emulator: MassPushV2 as a whole", () => {
  const TOKEN = "6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4";
  const scheduled = (title: string, ms: number) => task({ Action: "SCHEDULED_PUSH", Notification: { Title: title, Body: "B" }, Options: { PushTime: at(ms) } });
  const listed = async (emas: Awaited<ReturnType<typeof start>>["emas"]) =>
    (
      (await emas("QueryPushRecords", { AppKey: "1", StartTime: at(NOW - 86_400_000), EndTime: at(NOW + 6 * 86_400_000), PageSize: "100" })) as {
        PushInfos: { PushInfo: Array<{ MessageId: string; Title: string }> };
      }
    ).PushInfos.PushInfo;

  it("records none of a refused batch, so its token retried with corrected tasks sends each task once", async () => {
    const { emas } = await start({ t: NOW });
    const refused = [scheduled("a", NOW + 3_600_000), scheduled("b", NOW + 3_600_000), scheduled("c", NOW - 3_600_000)];
    expect((await failure(emas("MassPushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTasks: JSON.stringify(refused) }))).code).toBe("InvalidPushTime.Past");
    expect(await listed(emas)).toEqual([]);
    const corrected = [...refused.slice(0, 2), scheduled("c", NOW + 3_600_000)];
    const { MessageIds } = (await emas("MassPushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTasks: JSON.stringify(corrected) })) as {
      MessageIds: string[];
    };
    expect(MessageIds).toEqual(["11747540331280012", "11747540331280013", "11747540331280014"]);
    expect((await listed(emas)).map((p) => [p.MessageId, p.Title])).toEqual([
      ["11747540331280012", "a"],
      ["11747540331280013", "b"],
      ["11747540331280014", "c"],
    ]);
  });
  it("takes only PUSH_IMMEDIATELY and SCHEDULED_PUSH tasks to DEVICE, ACCOUNT or ALIAS (api-facts §2.4)", async () => {
    const { emas } = await start({ t: NOW });
    const refuse = async (tasks: object[]) => (await failure(emas("MassPushV2", { AppKey: "1", PushTasks: JSON.stringify(tasks) }))).code;
    expect(await refuse([task(), task({ Target: { Type: "TAG", Value: "vip" } })])).toBe("InvalidPushTasks.Target");
    expect(await refuse([task({ Target: { Type: "ALL" } })])).toBe("InvalidPushTasks.Target");
    expect(await refuse([task({ Action: "CREATE_CONTINUOUS_PUSH", Target: undefined })])).toBe("InvalidPushTasks.Action");
    expect(await refuse([task({ Action: "CONTINUOUS_PUSH", Options: { MessageId: "11747540331280012" } })])).toBe("InvalidPushTasks.Action");
    for (const Type of ["DEVICE", "ACCOUNT", "ALIAS"]) {
      const { MessageIds } = (await emas("MassPushV2", { AppKey: "1", PushTasks: JSON.stringify([task({ Target: { Type, Value: "x" } })]) })) as {
        MessageIds: string[];
      };
      expect(MessageIds).toHaveLength(1);
    }
  });
  it("answers a retry after a lost reply with the same MessageIds, recording nothing more", async () => {
    const { emulator, emas } = await start({ t: NOW });
    const batch = { AppKey: "1", IdempotentToken: TOKEN, PushTasks: JSON.stringify([scheduled("a", NOW + 60_000), scheduled("b", NOW + 60_000)]) };
    emulator.setFaults({ loseReplyRate: 1 });
    expect((await failure(emas("MassPushV2", batch))).kind).toBe("timeout");
    emulator.setFaults({});
    const { MessageIds } = (await emas("MassPushV2", batch)) as { MessageIds: string[] };
    expect((await listed(emas)).map((p) => p.MessageId)).toEqual(MessageIds);
    expect(MessageIds).toHaveLength(2);
  });
});

describe("emulator: QueryPushRecords filters and parameters (api-facts §2.8)", () => {
  it("filters by Source, Target and PushType, and refuses malformed times, pages and filter values", async () => {
    const { emas } = await start({ t: NOW });
    await emas("PushV2", { AppKey: "1", PushTask: JSON.stringify(task()) });
    await emas("PushV2", {
      AppKey: "1",
      PushTask: JSON.stringify(task({ Target: { Type: "TAG", Value: "vip" }, Notification: undefined, Message: { Body: "m" } })),
    });
    const window = { AppKey: "1", StartTime: at(NOW - 3_600_000), EndTime: at(NOW + 3_600_000) };
    const total = async (extra: Record<string, string>) => ((await emas("QueryPushRecords", { ...window, ...extra })) as { Total: number }).Total;
    expect(await total({})).toBe(2);
    expect(await total({ Source: "API" })).toBe(2);
    expect(await total({ Source: "CONSOLE" })).toBe(0);
    expect(await total({ Target: "TAG" })).toBe(1);
    expect(await total({ Target: "ALL" })).toBe(0);
    expect(await total({ PushType: "MESSAGE" })).toBe(1);
    const refused: Array<[Record<string, string>, string]> = [
      [{ Page: "abc" }, "InvalidPage.Format"],
      [{ Page: "10001" }, "InvalidPage.Format"],
      [{ PageSize: "1000" }, "InvalidPageSize.Format"],
      [{ PageSize: "0" }, "InvalidPageSize.Format"],
      [{ StartTime: "2026/06/01 00:00" }, "InvalidStartTime.Format"],
      [{ EndTime: "2026-06-01T01:00:00.000Z" }, "InvalidEndTime.Format"],
      [{ Source: "PORTAL" }, "InvalidSource.Format"],
      [{ Target: "USER" }, "InvalidTarget.Format"],
      [{ PushType: "SMS" }, "InvalidPushType.Format"],
    ];
    for (const [extra, code] of refused) expect((await failure(emas("QueryPushRecords", { ...window, ...extra }))).code, JSON.stringify(extra)).toBe(code);
  });
});

describe("emulator: IdempotentToken scope", () => {
  const TOKEN = "0b9d6a4e-1c2f-4e3d-9a8b-7c6d5e4f3a21";
  it("holds a token per action and AppKey: another app or MassPushV2 gets its own push, in its own shape", async () => {
    const { emas } = await start({ t: NOW });
    const first = await emas("PushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTask: JSON.stringify(task()) });
    expect((await emas("PushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTask: JSON.stringify(task()) })).MessageId).toBe(first.MessageId);
    const otherApp = await emas("PushV2", { AppKey: "2", IdempotentToken: TOKEN, PushTask: JSON.stringify(task()) });
    expect(otherApp.MessageId).not.toBe(first.MessageId);
    const mass = await emas("MassPushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTasks: JSON.stringify([task()]) });
    expect(mass.MessageIds).toEqual([expect.stringMatching(/^\d{17}$/)]);
    expect(mass.MessageIds).not.toContain(first.MessageId);
  });
  it("forgets tokens older than the 15-minute window instead of keeping them in its data file forever", async () => {
    const dir = mkdtempSync(join(tmpdir(), "push-emulator-"));
    try {
      const now = { t: NOW };
      const { emulator, emas } = await start(now, { dataFile: join(dir, "emulator.json") });
      await emas("PushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTask: JSON.stringify(task()) });
      now.t += 16 * 60_000;
      await emas("PushV2", { AppKey: "1", IdempotentToken: TOKEN.replace("0b9d", "1b9d"), PushTask: JSON.stringify(task()) });
      await stop(emulator);
      const data = JSON.parse(readFileSync(join(dir, "emulator.json"), "utf8")) as StoreData;
      expect(Object.keys(data.tokens)).toEqual([`PushV2 1 ${TOKEN.replace("0b9d", "1b9d")}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
