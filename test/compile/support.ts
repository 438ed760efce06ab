import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { compileProject, type ProjectResult } from "../../src/compile/index.js";
import type { ResolvedApp } from "../../src/model/app.js";
import type { Campaign, CampaignSource } from "../../src/model/campaign.js";

export const APPS: Record<string, ResolvedApp> = {
  shop: { name: "shop", provider: "emas", appKeys: { all: 233586006 } },
  wallet: { name: "wallet", provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test", providerTimezone: "Asia/Shanghai" },
};

export const SEED_NOW = Date.parse("2021-07-07T04:00:00Z");

export function loadCampaigns(dir: string): Array<{ campaign: Campaign; source: CampaignSource }> {
  const out: Array<{ campaign: Campaign; source: CampaignSource }> = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".yaml"))) {
    const path = join(entry.parentPath, entry.name);
    const file = relative(process.cwd(), path);
    parseAllDocuments(readFileSync(path, "utf8")).forEach((doc, document) => {
      const campaign = doc.toJS() as Campaign;
      if (campaign) out.push({ campaign, source: { file, document, line: 1 } });
    });
  }
  return out.sort((a, b) => a.campaign.id.localeCompare(b.campaign.id));
}

export function compileOne(campaign: Partial<Campaign> & { app: string }, now = SEED_NOW, apps = APPS): ProjectResult {
  const full = { id: "test", target: { devices: ["d"] }, ...campaign } as Campaign;
  return compileProject([{ campaign: full, source: { file: "t.yaml", document: 0, line: 1 } }], {
    apps,
    now,
    defaultTimezone: "Asia/Shanghai",
    audienceFiles: {},
  });
}
