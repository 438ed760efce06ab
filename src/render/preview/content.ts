/**
 * What a campaign's compiled requests show on each platform, and to whom they go: EMAS PushTask Notification
 * blocks (api-facts §2.3) and mPaaS PushSimple presentation fields (§3.3). Batches and occurrences of a campaign
 * carry the same content, so the first request that reaches a platform speaks for all of them.
 */
import type { JsonObject, JsonValue } from "../../model/campaign.js";
import type { CompiledTask, EmasTask, MpaasTask, ProviderName, PushSimpleRequest, PushTask } from "../../model/task.js";
import type { NotificationPreview, PreviewPlatform } from "./document.js";
import { plural } from "./format.js";
import { campaignReach } from "../../plan/blast.js";

const ALL_PLATFORMS: PreviewPlatform[] = ["ios", "android", "hmos"];
const WIRE_PLATFORM = { IOS: "ios", ANDROID: "android", HMOS: "hmos" } as const;

/** mPaaS DeliveryType: who a target id is, and the platforms it reaches (a user id reaches each of the user's devices). */
/** The platforms an mPaaS DeliveryType reaches (its targets' noun is the provider's: providers/behaviour.ts). */
const DELIVERY: Record<PushSimpleRequest["DeliveryType"], { platforms: PreviewPlatform[] }> = {
  1: { platforms: ["android"] },
  2: { platforms: ["ios"] },
  3: { platforms: ALL_PLATFORMS },
  5: { platforms: ["ios"] },
  6: { platforms: ["ios"] },
  7: { platforms: ["hmos"] },
};

/** Android RenderStyle (a string on the wire), HarmonyOS RenderStyle, mPaaS PushStyle. */
const ANDROID_STYLE: Record<string, string> = { "1": "long text", "2": "big picture", "3": "inbox" };
const MPAAS_STYLE: Record<number, string> = { 1: "big text", 2: "image and text" };

/** The mPaaS ImageUrls/IconUrls key each platform's channel reads, before the fallback `defaultUrl`. */
const MPAAS_URL_KEY: Record<PreviewPlatform, string[]> = { ios: ["iosUrl"], android: ["fcmUrl", "miuiUrl", "oppoUrl"], hmos: ["hmsUrl"] };

const text = (v: JsonValue | undefined): string | null => (typeof v === "string" ? v : null);

function emasPlatforms(task: EmasTask): PreviewPlatform[] {
  const wire = task.request.PushTask.Target?.Platform;
  return wire ? [WIRE_PLATFORM[wire]] : ALL_PLATFORMS;
}

function platformsOf(tasks: CompiledTask[]): PreviewPlatform[] {
  const reached = new Set(tasks.flatMap((task) => readerOf(task).platforms(task)));
  return ALL_PLATFORMS.filter((p) => reached.has(p));
}

function badge(block: JsonObject): string | null {
  if (typeof block.Badge === "number" || typeof block.BadgeSetNum === "number") return String(block.Badge ?? block.BadgeSetNum);
  if (block.BadgeAutoIncrement === true) return "+1";
  return typeof block.BadgeAddNum === "number" ? `+${block.BadgeAddNum}` : null;
}

const inbox = (value: JsonValue | undefined): string[] => (Array.isArray(value) ? value.filter((l): l is string => typeof l === "string") : []);

function emasNotification(notification: NonNullable<PushTask["Notification"]>, platform: PreviewPlatform): NotificationPreview {
  const block = (platform === "ios" ? notification.Ios : platform === "android" ? notification.Android : notification.Hmos) ?? {};
  return {
    platform,
    title: notification.Title ?? null,
    body: notification.Body ?? null,
    subtitle: text(block.Subtitle),
    badge: badge(block),
    imageUrl: platform === "android" ? text(block.PictureUrl) : null,
    iconUrl: platform === "ios" ? null : text(block.ImageUrl),
    inbox: inbox(block.InboxContent),
    silent: block.Silent === true,
    style: emasStyle(block, platform),
  };
}

/** What the mock-up names but does not draw: an iOS Live Activity or interruption level, a render style. */
function emasStyle(block: JsonObject, platform: PreviewPlatform): string | null {
  switch (platform) {
    case "ios": {
      const live = block.LiveActivity as JsonObject | undefined;
      const level = text(block.InterruptionLevel);
      const named = [live ? `Live Activity ${text(live.Event) ?? ""}`.trim() : "", level && level !== "active" ? `interruption level ${level}` : ""];
      return named.filter(Boolean).join(", ") || null;
    }
    case "android":
      return ANDROID_STYLE[text(block.RenderStyle) ?? ""] ?? null;
    case "hmos":
      return text(block.RenderStyle) === "MULTI_LINE" ? "multi-line" : null;
  }
}

function urlFor(json: string | undefined, platform: PreviewPlatform): string | null {
  if (!json) return null;
  // JSON text that compile passed through as written: not necessarily an object.
  const urls = JSON.parse(json) as JsonValue;
  if (urls === null || typeof urls !== "object" || Array.isArray(urls)) return null;
  for (const key of [...MPAAS_URL_KEY[platform], "defaultUrl"]) if (typeof urls[key] === "string") return urls[key] as string;
  return null;
}

function mpaasNotification(request: PushSimpleRequest, platform: PreviewPlatform): NotificationPreview {
  const live = request.DeliveryType === 5 || request.DeliveryType === 6 ? `Live Activity ${request.ActivityEvent ?? "update"}` : null;
  return {
    platform,
    title: request.Title,
    body: request.Content,
    subtitle: null,
    badge: null,
    imageUrl: urlFor(request.ImageUrls, platform),
    // iOS draws the app's own icon; IconUrls are for the Android vendor channels and HarmonyOS.
    iconUrl: platform === "ios" ? null : urlFor(request.IconUrls, platform),
    inbox: [],
    silent: request.Silent === 1,
    style: live ?? MPAAS_STYLE[request.PushStyle ?? 0] ?? null,
  };
}

/**
 * How the preview reads each provider's requests. A campaign has one app, so all its tasks share a provider; the
 * first task that shows on a platform speaks for the rest.
 */
interface Reader<T extends CompiledTask> {
  /** The platforms the task reaches (none for a continuous push's create task, whose batches name them). */
  platforms(task: T): PreviewPlatform[];
  /** What the task shows on `platform`, or null where it shows nothing there. */
  notification(task: T, platform: PreviewPlatform): NotificationPreview | null;
  /** The pass-through message it carries, if any. */
  message(task: T): { title: string | null; body: string } | null;
  /** How long it is kept for offline devices. */
  expirySeconds(task: T): number | null;
}

const EMAS_READER: Reader<EmasTask> = {
  platforms: (task) => (task.request.PushTask.Target ? emasPlatforms(task) : []),
  notification(task, platform) {
    const notification = task.request.PushTask.Notification;
    if (!notification || (task.request.PushTask.Target && !emasPlatforms(task).includes(platform))) return null;
    return emasNotification(notification, platform);
  },
  message: (task) => {
    const message = task.request.PushTask.Message;
    return message ? { title: message.Title ?? null, body: message.Body } : null;
  },
  expirySeconds: (task) => task.ttlSeconds ?? null,
};

const MPAAS_READER: Reader<MpaasTask> = {
  platforms: (task) => DELIVERY[task.request.DeliveryType].platforms,
  notification: (task, platform) => (DELIVERY[task.request.DeliveryType].platforms.includes(platform) ? mpaasNotification(task.request, platform) : null),
  message: () => null,
  expirySeconds: (task) => task.request.ExpiredSeconds,
};

const READERS: { [P in ProviderName]: Reader<Extract<CompiledTask, { provider: P }>> } = { emas: EMAS_READER, mpaas: MPAAS_READER };
const readerOf = (task: CompiledTask) => READERS[task.provider] as Reader<CompiledTask>;

/** The notification each reached platform shows; none for a pass-through message alone. */
export function notificationsOf(tasks: CompiledTask[]): NotificationPreview[] {
  return platformsOf(tasks).flatMap((platform) => {
    for (const task of tasks) {
      const shown = readerOf(task).notification(task, platform);
      if (shown) return [shown];
    }
    return [];
  });
}

export function messageOf(tasks: CompiledTask[]): { title: string | null; body: string } | null {
  for (const task of tasks) {
    const message = readerOf(task).message(task);
    if (message) return message;
  }
  return null;
}

/** Who the requests reach, counting each target id once across batches and platforms (read by plan/blast.ts). */
export function audienceOf(tasks: CompiledTask[]): string {
  const reach = campaignReach(tasks);
  if (reach.who === "everyone") return "every device of the app";
  if (reach.who === "tag") return `devices tagged ${reach.tag}`;
  return reach.ids ? plural(reach.ids, reach.who) : "nobody";
}

/** EMAS: the campaign's `ttl`, if any; mPaaS: ExpiredSeconds, which every PushSimple carries. */
export function expirySeconds(tasks: CompiledTask[]): number | null {
  const task = tasks[0];
  return task ? readerOf(task).expirySeconds(task) : null;
}
