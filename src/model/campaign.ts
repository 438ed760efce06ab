import type { ProviderName } from "./task.js";
/**
 * A campaign as the user wrote it, after schema validation (`schemas/campaign.schema.json` is the source of
 * truth for the file format; this type mirrors it). Field names follow the providers' API names in camelCase.
 * Fields the API takes as JSON strings accept a map (compiled to compact JSON, keys in written order) or a
 * string that parses as JSON (passed through unchanged).
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
/** A JSON-string field: a YAML map, or a string that parses as JSON. */
export type JsonText = string | JsonObject;

type EmasPlatform = "ios" | "android" | "hmos" | "all";

/** Exactly one audience key is set (the schema enforces it). `*File` paths are relative to the campaign file. */
export interface Target {
  /** EMAS only; default `all` when the app has one key for every platform. */
  platform?: EmasPlatform;
  // EMAS audiences
  devices?: string[];
  accounts?: string[];
  aliases?: string[];
  /** A tag name, or a tag expression (`{and|or: [...]}`, `{not: {tag}}`, `{tag}`) sent as JSON. */
  tag?: string | JsonObject;
  all?: true;
  devicesFile?: string;
  accountsFile?: string;
  aliasesFile?: string;
  // mPaaS audiences (DeliveryType 3, 1, 2, 7, 5, 6)
  users?: string[];
  androidDevices?: string[];
  iosDevices?: string[];
  hmosDevices?: string[];
  activityTokens?: string[];
  activityIds?: string[];
  usersFile?: string;
  androidDevicesFile?: string;
  iosDevicesFile?: string;
  hmosDevicesFile?: string;
}

export interface MessageSpec {
  title?: string;
  /** Free text, or a map compiled to a compact JSON string. */
  body: string | JsonObject;
}

interface IosLiveActivity {
  event: "start" | "update" | "end";
  id: string;
  attributesType?: string;
  attributes?: JsonText;
  contentState?: JsonText;
  dismissalDate?: number;
  staleDate?: number;
}

interface IosNotification {
  apnsEnv?: "DEV" | "PRODUCT";
  badge?: number;
  badgeAutoIncrement?: boolean;
  category?: string;
  collapseId?: string;
  extParameters?: JsonText;
  interruptionLevel?: "passive" | "active" | "time-sensitive" | "critical";
  liveActivity?: IosLiveActivity;
  music?: string;
  mutable?: boolean;
  relevanceScore?: number;
  silent?: boolean;
  subtitle?: string;
  threadId?: string;
}

interface AndroidVendorOptions {
  accs?: { customStyle?: number; notifyType?: string; openType?: string; openActivity?: string; openUrl?: string; priority?: number; threadId?: string };
  huawei?: { businessType?: number; category?: string; importance?: number; liveNotificationPayload?: JsonText; receiptId?: string; urgency?: string };
  honor?: { importance?: number };
  xiaomi?: { channel?: string; focusParam?: JsonText; focusPics?: JsonText; templateId?: string; templateParams?: JsonText };
  oppo?: {
    category?: string;
    notifyLevel?: number;
    deleteIntentData?: JsonText;
    intelligentIntent?: JsonText;
    privateMsgTemplateId?: string;
    privateTitleParameters?: JsonText;
    privateContentParameters?: JsonText;
  };
  vivo?: { category?: string; importance?: number; addBadge?: boolean; liveMessage?: JsonText; receiptId?: string };
  meizu?: { noticeMsgType?: number };
}

interface AndroidNotification {
  vendorChannelActivity?: string;
  channelId?: string;
  badgeActivity?: string;
  badgeAddNum?: number;
  badgeSetNum?: number;
  extParameters?: JsonText;
  groupId?: string;
  imageUrl?: string;
  inboxContent?: string[];
  music?: string;
  notifyId?: number;
  pictureUrl?: string;
  /** `"0"` standard, `"1"` long text, `"2"` big picture, `"3"` inbox (a string on the wire). */
  renderStyle?: "0" | "1" | "2" | "3";
  testMessage?: boolean;
  options?: AndroidVendorOptions;
}

interface HmosNotification {
  action?: string;
  uri?: string;
  badgeAddNum?: number;
  badgeSetNum?: number;
  category?: string;
  extParameters?: JsonText;
  extensionPush?: boolean;
  extensionExtraData?: string;
  imageUrl?: string;
  inboxContent?: string[];
  liveViewPayload?: JsonText;
  notifyId?: number;
  receiptId?: string;
  renderStyle?: "NORMAL" | "MULTI_LINE";
  slotType?: string;
  sound?: string;
  soundDuration?: number;
  testMessage?: boolean;
}

/** PushSimple presentation fields (mPaaS only). */
interface MpaasNotification {
  pushStyle?: 0 | 1 | 2;
  pushAction?: 0 | 1;
  uri?: string;
  imageUrls?: JsonText;
  iconUrls?: JsonText;
  extendedParams?: JsonText;
  notifyType?: "transparent" | "notify";
  silent?: 0 | 1;
  classification?: "0" | "1";
  thirdChannelCategory?: Record<string, string>;
  notifyLevel?: Record<string, string>;
  miChannelId?: string;
  activityEvent?: "update" | "end";
  activityContentState?: JsonText;
  dismissalDate?: number;
}

export interface NotificationSpec {
  title?: string;
  body?: string;
  ios?: IosNotification;
  android?: AndroidNotification;
  hmos?: HmosNotification;
  mpaas?: MpaasNotification;
}

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** Either `at` (one-off) or `every` (a loop), never both; omitted: sent when applied. */
export interface Schedule {
  /** An instant (`Z` or an offset) or a local date-time (`2026-06-19T12:00:00`) read in `timezone`. */
  at?: string;
  /** IANA zone; default: `defaults.timezone` of the config. */
  timezone?: string;
  every?: "day" | "week" | "month";
  /** Weekdays for `week`, days 1..31 for `month`; absent for `day`. */
  on?: Array<Weekday | number>;
  /** Local time of day, `HH:mm:ss` (or `HH:mm`). */
  time?: string;
  /** First day (local, `YYYY-MM-DD`), inclusive. */
  from?: string;
  /** Last day (local, `YYYY-MM-DD`), inclusive. */
  until?: string;
}

/** SMS fallback. EMAS `Options.Sms` fields and mPaaS `Sms*` fields; a field the target lacks is an error. */
/** `sms`: EMAS Options.Sms fields, or the mPaaS PushSimple Sms* parameters, each under its API name in camelCase. */
interface SmsSpec {
  // EMAS Options.Sms
  delaySecs?: number;
  params?: string;
  sendPolicy?: string;
  signName?: string;
  templateName?: string;
  // mPaaS PushSimple
  smsStrategy?: number;
  smsSignName?: string;
  smsTemplateCode?: string;
  smsTemplateParam?: JsonText;
}

/** EMAS `PushTask.Options` fields without a campaign-level equivalent. */
interface EmasOptions {
  jobKey?: string;
  trim?: boolean;
  useChannels?: string[];
}

export interface Campaign {
  id: string;
  app: string;
  name?: string;
  description?: string;
  /** A protected campaign cannot be cancelled or replaced by apply. */
  protect?: boolean;
  /** Ids this campaign had before: their recorded tasks move to this id (a rename), not cancel and create. */
  formerIds?: string[];
  target: Target;
  message?: MessageSpec;
  notification?: NotificationSpec;
  schedule?: Schedule;
  /** Seconds, or a duration `90s`, `30m`, `72h`, `3d`. */
  ttl?: number | string;
  sms?: SmsSpec;
  options?: EmasOptions;
  continuous?: boolean;
}

/** Where a campaign came from: used for `source` in compiled tasks and to locate diagnostics. */
export interface CampaignSource {
  /** Path as given to the tool (relative to the working directory when possible). */
  file: string;
  /** Index of the YAML document within the file (0-based). */
  document: number;
  /** 1-based line of the campaign's first key. */
  line: number;
}

export interface SourcedCampaign {
  campaign: Campaign;
  source: CampaignSource;
}

/** Per-campaign facts that plan and its views need beside the tasks. */
export interface CampaignInfo {
  id: string;
  name?: string;
  app: string;
  provider: ProviderName;
  /** The campaign's zone (its schedule's `timezone`, else the config default): plans show times in it. */
  timezone: string;
  protect: boolean;
  /** A loop's schedule (`every`), for the plan to find its runs that were never sent. */
  loop?: Schedule;
  /** The ids it had before (`formerIds`): the plan moves their records to it. */
  formerIds?: string[];
  source: { file: string; line: number };
}
