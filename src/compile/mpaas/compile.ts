import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedMpaasApp } from "../../model/app.js";
import type { Campaign, CampaignSource, Target } from "../../model/campaign.js";
import type { MpaasTask, PushSimpleRequest } from "../../model/task.js";
import { messageKey } from "../../lib/digest.js";
import { jsonText, pascal } from "../../model/json.js";
import { checkZone, loopSpec, scheduleZone } from "../schedule.js";
import { mpaasContentHash } from "../../providers/mpaas/hash.js";
import { chunks, sourceOf, taskKey } from "../task.js";
import { formatUtc, localDate, mpaasStrategies, resolveAt, type MpaasStrategy } from "../../lib/time/index.js";
import { ttlSeconds } from "../../lib/time/duration.js";

/** mPaaS seed, targetMsgkey: the push target cannot exceed 10. */
const MPAAS_TARGETS_PER_REQUEST = 10;
/** ExpiredSeconds is required by PushSimple; without a ttl, a day (the seed's examples use 300 and 600 s). */
const MPAAS_DEFAULT_EXPIRED_SECONDS = 86_400;

const DELIVERY_TYPE: Array<[keyof Target, PushSimpleRequest["DeliveryType"]]> = [
  ["users", 3],
  ["usersFile", 3],
  ["androidDevices", 1],
  ["androidDevicesFile", 1],
  ["iosDevices", 2],
  ["iosDevicesFile", 2],
  ["hmosDevices", 7],
  ["hmosDevicesFile", 7],
  ["activityTokens", 5],
  ["activityIds", 6],
];
const JSON_TEXT = new Set(["imageUrls", "iconUrls", "extendedParams", "activityContentState"]);

export interface MpaasInput {
  campaign: Campaign;
  app: ResolvedMpaasApp;
  source: CampaignSource;
  now: number;
  defaultTimezone: string;
  ids: string[] | null;
}

function strategies(input: MpaasInput): { list: ReadonlyArray<MpaasStrategy | null>; diagnostics: Diagnostic[] } {
  const schedule = input.campaign.schedule;
  if (!schedule) return { list: [null], diagnostics: [] };
  const zone = scheduleZone(schedule, input.defaultTimezone);
  const zoneProblems = checkZone(schedule, zone);
  if (zoneProblems.length) return { list: [], diagnostics: zoneProblems };
  if (schedule.at !== undefined) {
    const at = resolveAt(schedule.at, zone);
    if (!at.ok)
      return {
        list: [],
        diagnostics: [
          error("schedule-time", `schedule.at: ${at.reason}`, { pointer: "/schedule/at", hint: "write 2026-06-19T12:00:00Z, or a local time with timezone" }),
        ],
      };
    return { list: [{ kind: "fixed", fixedTime: at.epochMs }], diagnostics: [] };
  }
  // from/until presence and the 180-day window are the mpaas-loop-window rule's (run before compile).
  return { list: mpaasStrategies(loopSpec(schedule, localDate(input.now, zone)), zone, input.app.providerTimezone), diagnostics: [] };
}

function strategyContent(s: MpaasStrategy): Pick<PushSimpleRequest, "StrategyType" | "StrategyContent"> {
  if (s.kind === "fixed") return { StrategyType: 1, StrategyContent: { fixedTime: s.fixedTime } };
  const { startTime, endTime, circleType, circleValue, time } = s;
  return { StrategyType: 2, StrategyContent: { startTime, endTime, circleType, ...(circleValue ? { circleValue } : {}), time } };
}

function presentation(campaign: Campaign): Partial<PushSimpleRequest> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(campaign.notification?.mpaas ?? {})) {
    if (value === undefined) continue;
    out[pascal(key)] = JSON_TEXT.has(key) ? jsonText(value as string) : value;
  }
  const sms = campaign.sms;
  if (sms?.smsStrategy !== undefined) out.SmsStrategy = sms.smsStrategy;
  if (sms?.smsSignName !== undefined) out.SmsSignName = sms.smsSignName;
  if (sms?.smsTemplateCode !== undefined) out.SmsTemplateCode = sms.smsTemplateCode;
  if (sms?.smsTemplateParam !== undefined) out.SmsTemplateParam = jsonText(sms.smsTemplateParam);
  return out as Partial<PushSimpleRequest>;
}

export function compileMpaas(input: MpaasInput): { tasks: MpaasTask[]; lastRuns: Record<string, number>; diagnostics: Diagnostic[] } {
  const { campaign, app } = input;
  const found = DELIVERY_TYPE.find(([key]) => campaign.target[key] !== undefined);
  if (!found) {
    return {
      tasks: [],
      lastRuns: {},
      diagnostics: [
        error("mpaas-target", "an mPaaS campaign targets users, androidDevices, iosDevices, hmosDevices, activityTokens or activityIds", {
          pointer: "/target",
          hint: "e.g. target: { users: [user1024] }",
        }),
      ],
    };
  }
  const { list, diagnostics } = strategies(input);
  if (diagnostics.length) return { tasks: [], lastRuns: {}, diagnostics };
  const batches = chunks(input.ids ?? [], MPAAS_TARGETS_PER_REQUEST);
  const tasks: MpaasTask[] = [];
  const lastRuns: Record<string, number> = {};
  list.forEach((strategy, s) => {
    batches.forEach((ids, b) => {
      const key = taskKey(campaign.id, { ...(list.length > 1 ? { segment: s + 1 } : {}), ...(batches.length > 1 ? { batch: b + 1 } : {}) });
      const base: Omit<PushSimpleRequest, "TargetMsgkey"> = {
        AppId: app.appId,
        WorkspaceId: app.workspaceId,
        TaskName: campaign.name ?? campaign.id,
        Title: campaign.notification?.title ?? "",
        Content: campaign.notification?.body ?? "",
        DeliveryType: found[1],
        ExpiredSeconds: campaign.ttl !== undefined ? ttlSeconds(campaign.ttl) : MPAAS_DEFAULT_EXPIRED_SECONDS,
        ...presentation(campaign),
        ...(strategy ? strategyContent(strategy) : {}),
      };
      const sendAt = strategy === null ? null : formatUtc(strategy.kind === "fixed" ? strategy.fixedTime : strategy.firstRun);
      const hash = mpaasContentHash(base, ids, sendAt);
      const request: PushSimpleRequest = { ...base, TargetMsgkey: Object.fromEntries(ids.map((id) => [id, messageKey(key, hash, id)])) };
      tasks.push({
        key,
        campaign: campaign.id,
        app: app.name,
        provider: "mpaas",
        api: "PushSimple",
        sendAt,
        request,
        source: sourceOf(input.source),
        hash,
        ...(campaign.ttl !== undefined ? { ttlSeconds: ttlSeconds(campaign.ttl) } : {}),
      });
      if (strategy) lastRuns[key] = strategy.kind === "fixed" ? strategy.fixedTime : strategy.lastRun;
    });
  });
  return { tasks, lastRuns, diagnostics: [] };
}
