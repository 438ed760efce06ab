/**
 * What QueryPushRecords shows of a push (api-facts §2.8: Title, Body, Target, DeviceType, PushType, PushTime),
 * read the same way from a listing and from a compiled task, so that a push made by push and not recorded (a lost
 * state, a reply lost in a crash) is recognised by what it is, not by its time alone. Nothing push could add to
 * the request comes back in the listing: this is the strongest identity EMAS gives.
 */
import type { Shown } from "../../model/remote.js";
import type { PushTask } from "../../model/task.js";

export function emasIdentity(fields: Omit<Extract<Shown, { provider: "emas" }>, "provider">): string {
  return JSON.stringify([fields.title ?? "", fields.body ?? "", fields.target, fields.deviceType, fields.pushType]);
}

/** The identity a compiled PushTask shows once listed (as the emulator, after the documents, lists it). */
export function emasTaskIdentity(task: PushTask): string {
  const content = task.Notification ?? task.Message;
  return emasIdentity({
    title: content?.Title ?? "",
    body: typeof content?.Body === "string" ? content.Body : "",
    target: task.Target?.Type ?? "TBD",
    deviceType: task.Target?.Platform ?? "ALL",
    pushType: task.Notification ? "NOTICE" : "MESSAGE",
  });
}
