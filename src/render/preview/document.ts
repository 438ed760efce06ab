/**
 * The preview document: per campaign, what each platform's notification shows and when it is sent, read from the
 * compiled tasks (the requests apply sends), so a preview cannot disagree with `push compile`. The HTML pages and
 * their PNG images are views over it. Pure: the clock is a value.
 */
import type { CampaignInfo } from "../../model/campaign.js";
import type { Schedule } from "../../model/campaign.js";
import type { CompiledTask, ProviderName } from "../../model/task.js";
import { formatUtc, localDate } from "../../lib/time/index.js";
import { audienceOf, expirySeconds, messageOf, notificationsOf } from "./content.js";
import { scheduleOf } from "./schedule.js";

export type PreviewPlatform = "ios" | "android" | "hmos";

/** One platform's notification as the request sends it. */
export interface NotificationPreview {
  platform: PreviewPlatform;
  title: string | null;
  body: string | null;
  subtitle: string | null;
  /** The app icon's badge: a number set, or `+n` for an increment. */
  badge: string | null;
  /** A big picture under the text. */
  imageUrl: string | null;
  /** A thumbnail beside the text. */
  iconUrl: string | null;
  /** Inbox-style lines (Android RenderStyle 3, HarmonyOS MULTI_LINE). */
  inbox: string[];
  /** Delivered without being shown. */
  silent: boolean;
  /** Presentation that the mock-up only names (a Live Activity, a long-text or picture style). */
  style: string | null;
}

/** One send, in the campaign's zone. */
export interface Send {
  /** ISO-8601 UTC. */
  at: string;
  /** `YYYY-MM-DD`, `HH:mm:ss` and the zone's UTC offset (`+08:00`) at that instant. */
  date: string;
  time: string;
  offset: string;
  /** An EMAS send beyond the 7-day scheduling window: a later apply schedules it. */
  deferred: boolean;
}

export type SchedulePreview =
  | { kind: "applied" }
  | { kind: "once"; send: Send; past: boolean }
  | {
      kind: "loop";
      /** The loop as written: `every`, `on`, local `time`, first and last day (`YYYY-MM-DD`, null: not set). */
      every: "day" | "week" | "month";
      on: Array<string | number>;
      time: string;
      from: string | null;
      until: string | null;
      /** The coming sends within the calendar's months, ascending. */
      sends: Send[];
      /** Sends before the clock. */
      past: number;
      /** Sends after the calendar's months; null: the loop has no end. */
      later: number | null;
    };

export interface CampaignPreview {
  id: string;
  name: string | null;
  description: string | null;
  app: string;
  provider: ProviderName;
  timezone: string;
  /** The clock's date in the campaign's zone, `YYYY-MM-DD`. */
  today: string;
  source: { file: string; line: number };
  /** Who receives it, in words (`1 device id`, `tag vip`). */
  audience: string;
  notifications: NotificationPreview[];
  /** An EMAS pass-through message: delivered to the app, never shown by the system. */
  message: { title: string | null; body: string } | null;
  /** How long an undelivered notification is kept (EMAS `ttl`; mPaaS ExpiredSeconds, always set). */
  ttlSeconds: number | null;
  schedule: SchedulePreview;
  /** The compiled task keys the preview was read from. */
  keys: string[];
}

export interface PreviewDocument {
  /** The clock, ISO-8601 UTC. */
  now: string;
  campaigns: CampaignPreview[];
}

/** A campaign as the preview reads it: compile's facts, what the file says of its schedule, and its tasks. */
export interface CampaignInput {
  info: CampaignInfo;
  description?: string;
  schedule?: Schedule;
  /** The tasks compiled at the clock. */
  tasks: CompiledTask[];
  /** An EMAS loop with no run in the scheduling window has no task yet: its tasks compiled at its next run. */
  laterTasks?: CompiledTask[];
}

export interface PreviewInput {
  now: number;
  campaigns: CampaignInput[];
  /** The zone each mPaaS app's provider reads StrategyContent in, by app name. */
  providerZones: Record<string, string>;
}

export function previewDocument(input: PreviewInput): PreviewDocument {
  return {
    now: formatUtc(input.now),
    campaigns: input.campaigns.map((c) => campaignPreview(c, input)),
  };
}

function campaignPreview(input: CampaignInput, context: PreviewInput): CampaignPreview {
  const { info } = input;
  const content = input.tasks.length ? input.tasks : (input.laterTasks ?? []);
  return {
    id: info.id,
    name: info.name ?? null,
    description: input.description ?? null,
    app: info.app,
    provider: info.provider,
    timezone: info.timezone,
    today: localDate(context.now, info.timezone),
    source: info.source,
    audience: audienceOf(content),
    notifications: notificationsOf(content),
    message: messageOf(content),
    ttlSeconds: expirySeconds(content),
    schedule: scheduleOf(input, context.now, context.providerZones[info.app]),
    keys: input.tasks.map((t) => t.key),
  };
}
