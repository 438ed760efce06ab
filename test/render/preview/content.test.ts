import { describe, expect, it } from "vitest";
import { previewOf } from "./support.js";

const NOW = "2026-03-01T00:00:00Z";

describe("what the compiled requests show", () => {
  it("EMAS: the platform blocks' subtitle, badge, inbox, style and silence; the audience in words", () => {
    const [ios, android] = previewOf(
      [
        {
          id: "a",
          app: "shop",
          target: { platform: "ios", aliases: ["x", "y", "x2"] },
          notification: {
            title: "T",
            body: "B",
            ios: { subtitle: "S", badgeAutoIncrement: true, silent: true, mutable: true, interruptionLevel: "time-sensitive" },
          },
        },
        {
          id: "b",
          app: "shop",
          target: { platform: "android", tag: "vip" },
          notification: {
            title: "T",
            body: "B",
            android: { renderStyle: "3", inboxContent: ["one", "two"], badgeAddNum: 2, imageUrl: "https://x.example/i.png" },
          },
        },
      ],
      NOW,
    ).campaigns;
    expect(ios!.audience).toBe("3 aliases");
    expect(ios!.notifications).toEqual([
      {
        platform: "ios",
        title: "T",
        body: "B",
        subtitle: "S",
        badge: "+1",
        imageUrl: null,
        iconUrl: null,
        inbox: [],
        silent: true,
        style: "interruption level time-sensitive",
      },
    ]);
    expect(android!.audience).toBe("devices tagged vip");
    expect(android!.notifications).toEqual([
      {
        platform: "android",
        title: "T",
        body: "B",
        subtitle: null,
        badge: "+2",
        imageUrl: null,
        iconUrl: "https://x.example/i.png",
        inbox: ["one", "two"],
        silent: false,
        style: "inbox",
      },
    ]);
  });

  it("EMAS: a continuous push shows its create task's notification on the platforms of its batches; a pass-through message alone shows none", () => {
    const [continuous, message] = previewOf(
      [
        { id: "c", app: "shop", continuous: true, target: { platform: "hmos", devices: ["d1", "d2"] }, notification: { title: "T", body: "B" } },
        { id: "m", app: "shop", target: { platform: "ios", devices: ["d1"] }, message: { title: "Sync", body: { type: "sync" } } },
      ],
      NOW,
    ).campaigns;
    expect(continuous!.notifications.map((n) => [n.platform, n.title])).toEqual([["hmos", "T"]]);
    expect(continuous!.audience).toBe("2 device ids");
    expect(message!.notifications).toEqual([]);
    expect(message!.message).toEqual({ title: "Sync", body: '{"type":"sync"}' });
  });

  it("mPaaS: the platforms of the DeliveryType, each channel's image URL, ExpiredSeconds", () => {
    const imageUrls = { defaultUrl: "https://x.example/d.png", iosUrl: "https://x.example/ios.png", hmsUrl: "https://x.example/hms.png" };
    const [users, ios] = previewOf(
      [
        {
          id: "u",
          app: "wallet",
          target: { users: ["u1", "u2"] },
          notification: { title: "T", body: "B", mpaas: { pushStyle: 2, imageUrls, iconUrls: { defaultUrl: "https://x.example/icon.png" } } },
        },
        { id: "i", app: "wallet", target: { iosDevices: ["d1"] }, notification: { title: "T", body: "B", mpaas: { silent: 1 } }, ttl: "2h" },
      ],
      NOW,
    ).campaigns;
    expect(users!.notifications.map((n) => [n.platform, n.imageUrl, n.iconUrl, n.style])).toEqual([
      ["ios", "https://x.example/ios.png", null, "image and text"],
      ["android", "https://x.example/d.png", "https://x.example/icon.png", "image and text"],
      ["hmos", "https://x.example/hms.png", "https://x.example/icon.png", "image and text"],
    ]);
    expect(users!).toMatchObject({ audience: "2 user ids", ttlSeconds: 86_400 });
    expect(ios!.notifications.map((n) => [n.platform, n.silent])).toEqual([["ios", true]]);
    expect(ios!).toMatchObject({ audience: "1 iOS device id", ttlSeconds: 7200 });
  });
});
