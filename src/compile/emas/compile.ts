import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedEmasApp } from "../../model/app.js";
import type { Campaign, CampaignSource } from "../../model/campaign.js";
import type { DeferredOccurrences, EmasTask, PushTask } from "../../model/task.js";
import { idempotentToken } from "../../lib/digest.js";
import { jsonText } from "../../model/json.js";
import { emasSendTimes } from "../schedule.js";
import { emasContentHash } from "../../providers/emas/hash.js";
import { chunks, sourceOf, taskKey } from "../task.js";
import { formatUtc } from "../../lib/time/index.js";
import { ttlSeconds } from "../../lib/time/duration.js";
import { emasMessage, emasNotification } from "../../providers/emas/message.js";

/** EMAS seed, "Target quantity limits": at most 1,000 devices, accounts or aliases per request. */
const EMAS_TARGETS_PER_REQUEST = 1000;

type Platform = "ios" | "android" | "hmos";
const PLATFORM_WIRE = { ios: "IOS", android: "ANDROID", hmos: "HMOS" } as const;

export interface EmasInput {
  campaign: Campaign;
  app: ResolvedEmasApp;
  source: CampaignSource;
  now: number;
  defaultTimezone: string;
  /** The audience ids (inline or from the audience file), for device/account/alias targets. */
  ids: string[] | null;
}

export interface UnitResult {
  tasks: EmasTask[];
  deferred: DeferredOccurrences | null;
  diagnostics: Diagnostic[];
}

function targetOf(campaign: Campaign, ids: string[] | null): { type: "DEVICE" | "ACCOUNT" | "ALIAS" | "TAG" | "ALL"; value?: string; ids?: string[] } {
  const t = campaign.target;
  if (t.devices || t.devicesFile) return { type: "DEVICE", ids: ids ?? [] };
  if (t.accounts || t.accountsFile) return { type: "ACCOUNT", ids: ids ?? [] };
  if (t.aliases || t.aliasesFile) return { type: "ALIAS", ids: ids ?? [] };
  if (t.tag !== undefined) return { type: "TAG", value: jsonText(t.tag) };
  return { type: "ALL" };
}

/** The app keys a campaign is sent with: one for every platform, or one task per configured platform. */
function appKeysFor(campaign: Campaign, app: ResolvedEmasApp): { keys: Array<{ platform: Platform | null; appKey: number }>; diagnostics: Diagnostic[] } {
  const wanted = campaign.target.platform;
  if (app.appKeys.all !== undefined) {
    return { keys: [{ platform: wanted && wanted !== "all" ? wanted : null, appKey: app.appKeys.all }], diagnostics: [] };
  }
  const platforms: Platform[] = wanted && wanted !== "all" ? [wanted] : (["ios", "android", "hmos"] as const).filter((p) => app.appKeys[p] !== undefined);
  const keys: Array<{ platform: Platform | null; appKey: number }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const platform of platforms) {
    const appKey = app.appKeys[platform];
    if (appKey === undefined) {
      diagnostics.push(
        error("emas-app-key-platform", `app "${app.name}" has no ${platform} app key, but the campaign targets ${platform}`, {
          pointer: "/target/platform",
          hint: `add appKey.${platform} to apps.${app.name} in the config`,
        }),
      );
    } else keys.push({ platform, appKey });
  }
  return { keys, diagnostics };
}

/** Options of one task; SMS fallback only where it reaches devices (Android and HarmonyOS, api-facts §2.3). */
function options(campaign: Campaign, pushTime: number | null, now: number, platform: Platform | null): PushTask["Options"] {
  const out: NonNullable<PushTask["Options"]> = {};
  if (pushTime !== null) out.PushTime = formatUtc(pushTime);
  if (campaign.ttl !== undefined) out.ExpireTime = formatUtc((pushTime ?? now) + ttlSeconds(campaign.ttl) * 1000);
  if (campaign.options?.jobKey !== undefined) out.JobKey = campaign.options.jobKey;
  if (campaign.options?.trim !== undefined) out.Trim = campaign.options.trim;
  if (campaign.options?.useChannels !== undefined) out.UseChannels = campaign.options.useChannels.join(",");
  const sms = campaign.sms;
  if (sms && platform !== "ios") {
    const s: Record<string, string | number> = {};
    if (sms.delaySecs !== undefined) s.DelaySecs = sms.delaySecs;
    if (sms.params !== undefined) s.Params = sms.params;
    if (sms.sendPolicy !== undefined) s.SendPolicy = sms.sendPolicy;
    if (sms.signName !== undefined) s.SignName = sms.signName;
    if (sms.templateName !== undefined) s.TemplateName = sms.templateName;
    out.Sms = s;
  }
  return out;
}

function makeTask(input: EmasInput, key: string, appKey: number, pushTask: PushTask, sendAt: number | null, extra: Partial<EmasTask> = {}): EmasTask {
  const sendAtIso = sendAt === null ? null : formatUtc(sendAt);
  const hash = emasContentHash(appKey, pushTask, sendAtIso);
  return {
    key,
    campaign: input.campaign.id,
    app: input.app.name,
    provider: "emas",
    api: "PushV2",
    sendAt: sendAtIso,
    request: { AppKey: appKey, IdempotentToken: idempotentToken(key, hash), PushTask: pushTask },
    source: sourceOf(input.source),
    hash,
    ...(input.campaign.ttl !== undefined ? { ttlSeconds: ttlSeconds(input.campaign.ttl) } : {}),
    ...extra,
  };
}

const BLOCK_OF = { ios: "Ios", android: "Android", hmos: "Hmos" } as const;

/** A task for one platform carries that platform's notification block only (the others reach no device there). */
function onlyPlatform(content: Pick<PushTask, "Message" | "Notification">, platform: Platform): Pick<PushTask, "Message" | "Notification"> {
  const notification = content.Notification;
  if (!notification) return content;
  const kept: NonNullable<PushTask["Notification"]> = { ...notification };
  for (const other of Object.keys(BLOCK_OF) as Platform[]) if (other !== platform) delete kept[BLOCK_OF[other]];
  return { ...content, Notification: kept };
}

export function compileEmas(input: EmasInput): UnitResult {
  const { campaign, now } = input;
  const diagnostics: Diagnostic[] = [];
  const content: Pick<PushTask, "Message" | "Notification"> = {};
  if (campaign.message) content.Message = emasMessage(campaign.message);
  if (campaign.notification) content.Notification = emasNotification(campaign.notification);
  if (!content.Message && !content.Notification) {
    diagnostics.push(
      error("emas-content", "the campaign sends nothing: it has neither message nor notification", {
        pointer: "",
        hint: "add notification: {title, body} or message: {body}",
      }),
    );
  }
  const { keys, diagnostics: keyDiagnostics } = appKeysFor(campaign, input.app);
  diagnostics.push(...keyDiagnostics);
  const times = emasSendTimes(campaign, now, input.defaultTimezone);
  diagnostics.push(...times.diagnostics);
  if (diagnostics.length) return { tasks: [], deferred: null, diagnostics };

  const target = targetOf(campaign, input.ids);
  const batches = target.ids ? chunks(target.ids, EMAS_TARGETS_PER_REQUEST) : [null];
  const tasks: EmasTask[] = [];
  for (const { platform, appKey } of keys) {
    const platformPart = keys.length > 1 && platform ? platform : undefined;
    const wirePlatform = platform ? { Platform: PLATFORM_WIRE[platform] } : {};
    const platformContent = platform ? onlyPlatform(content, platform) : content;
    const targetFor = (ids: string[] | null): NonNullable<PushTask["Target"]> =>
      ids
        ? { Type: target.type, Value: ids.join(","), ...wirePlatform }
        : { Type: target.type, ...(target.value !== undefined ? { Value: target.value } : {}), ...wirePlatform };

    if (campaign.continuous) {
      // EMAS seed, scenario 5: store the message once, then send it to each batch by MessageId.
      const createKey = taskKey(campaign.id, { ...(platformPart ? { platform: platformPart } : {}), batch: "create" });
      const opts = options(campaign, null, now, platform);
      tasks.push(
        makeTask(
          input,
          createKey,
          appKey,
          { Action: "CREATE_CONTINUOUS_PUSH", ...platformContent, ...(opts && Object.keys(opts).length ? { Options: opts } : {}) },
          null,
        ),
      );
      batches.forEach((ids, i) => {
        const key = taskKey(campaign.id, { ...(platformPart ? { platform: platformPart } : {}), batch: i + 1 });
        tasks.push(makeTask(input, key, appKey, { Action: "CONTINUOUS_PUSH", Target: targetFor(ids), Options: {} }, null, { dependsOn: createKey }));
      });
      continue;
    }
    for (const at of times.within) {
      const occurrence = times.recurring && at !== null ? formatUtc(at) : undefined;
      batches.forEach((ids, i) => {
        const key = taskKey(campaign.id, {
          ...(platformPart ? { platform: platformPart } : {}),
          ...(occurrence ? { occurrence } : {}),
          ...(batches.length > 1 ? { batch: i + 1 } : {}),
        });
        const opts = options(campaign, at, now, platform);
        const pushTask: PushTask = {
          ...(at !== null ? { Action: "SCHEDULED_PUSH" as const } : {}),
          Target: targetFor(ids),
          ...platformContent,
          ...(opts && Object.keys(opts).length ? { Options: opts } : {}),
        };
        tasks.push(makeTask(input, key, appKey, pushTask, at, occurrence ? { occurrence } : {}));
      });
    }
  }
  return { tasks, deferred: times.deferred, diagnostics };
}
