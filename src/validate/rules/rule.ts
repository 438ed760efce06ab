import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ResolvedApp } from "../../model/app.js";
import type { Campaign } from "../../model/campaign.js";
import type { ProviderName } from "../../model/task.js";

export interface RuleContext {
  campaign: Campaign;
  app: ResolvedApp;
  /** Epoch ms: rules that a later clock can only make true are checked against it. */
  now: number;
  defaultTimezone: string;
}

/** A provider rule: `code` is its file's name and the diagnostic's rule code. */
export interface Rule {
  code: DiagnosticCode;
  /** Absent: the rule applies to both providers. */
  provider?: ProviderName;
  check(ctx: RuleContext): Diagnostic[];
}

/** The EMAS platforms a campaign's notification reaches (`all` or absent: every one). */
export function emasPlatforms(campaign: Campaign): Array<"ios" | "android" | "hmos"> {
  const p = campaign.target.platform;
  return p === undefined || p === "all" ? ["ios", "android", "hmos"] : [p];
}

/** Characters as the providers' Java services count them: UTF-16 code units (an emoji counts 2). */
export const chars = (s: string): number => s.length;
export const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");
