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

describe("emulator: MassPushV2 as a whole", () => {
  const TOKEN = "6f1c2b9e-3d4a-4b5c-8d6e-7f8091a2b3c4";
  const scheduled = (title: string, ms: number) => task({ Action: "SCHEDULED_PUSH", Notification: { Title: title, Body: "B" }, Options: { PushTime: at(ms) } });
  const listed = async (emas: Awaited<ReturnType<typeof start>>["emas"]) =>
    ((await emas("QueryPushRecords", { AppKey: "1", StartTime: at(NOW - 86_400_000), EndTime: at(NOW + 6 * 86_400_000), PageSize: "100" })) as { PushInfos: { PushInfo: Array<{ MessageId: string; Title: string }> } }).PushInfos.PushInfo;

  it("records none of a refused batch, so its token retried with corrected tasks sends each task once", async () => {
    const { emas } = await start({ t: NOW });
    const refused = [scheduled("a", NOW + 3_600_000), scheduled("b", NOW + 3_600_000), scheduled("c", NOW - 3_600_000)];
    expect((await failure(emas("MassPushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTasks: JSON.stringify(refused) }))).code).toBe("InvalidPushTime.Past");
    expect(await listed(emas)).toEqual([]);
    const corrected = [...refused.slice(0, 2), scheduled("c", NOW + 3_600_000)];
    const { MessageIds } = (await emas("MassPushV2", { AppKey: "1", IdempotentToken: TOKEN, PushTasks: JSON.stringify(corrected) })) as { MessageIds: string[] };
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
      const { MessageIds } = (await emas("MassPushV2", { AppKey: "1", PushTasks: JSON.stringify([task({ Target: { Type, Value: "x" } })]) })) as { MessageIds: string[] };
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

