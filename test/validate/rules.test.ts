import { describe, expect, it } from "vitest";
import { compileCampaign } from "../../src/compile/index.js";
import type { Campaign } from "../../src/model/campaign.js";
import { APPS, SEED_NOW } from "../compile/support.js";

describe("a provider rule that throws", () => {
  it("is an internal error naming the rule and the campaign, not a TypeError from nowhere and not skipped", () => {
    // Rules get schema-valid campaigns; one without its required target is what a bug would hand them.
    const campaign = { id: "no-target", app: "shop", notification: { title: "T", body: "B" } } as unknown as Campaign;
    const ctx = { app: APPS.shop!, source: { file: "campaigns/a.yaml", document: 0, line: 3 }, now: SEED_NOW, defaultTimezone: "UTC", audienceFiles: {} };
    expect(() => compileCampaign(campaign, ctx)).toThrow(
      /^rule [a-z-]+ failed on campaign "no-target" \(campaigns\/a\.yaml:3\): Cannot read properties of undefined/,
    );
  });
});
