import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/model/campaign.js";
import { renderBlock, share, shorten, type Block } from "../../src/render/plan/budget.js";
import { MARKDOWN_BUDGET, renderPlanMarkdown } from "../../src/render/plan/markdown.js";
import { renderPlanText } from "../../src/render/plan/text.js";
import { planFor } from "./support.js";

const NOW = Date.parse("2026-06-01T00:00:00Z");
const planOf = (campaigns: Campaign[]) => planFor(campaigns, NOW);

describe("plan views and lint", () => {
  it("warns about quiet hours in the campaign's zone and long titles", () => {
    const plan = planOf([
      {
        id: "night",
        app: "shop",
        target: { devices: ["d"] },
        notification: { title: "A very long title that phones will surely cut off", body: "B" },
        schedule: { at: "2026-06-02T23:30:00", timezone: "Europe/Berlin" },
      },
      {
        id: "day",
        app: "shop",
        target: { devices: ["d"] },
        notification: { title: "Short", body: "B" },
        schedule: { at: "2026-06-02T10:00:00", timezone: "Europe/Berlin" },
      },
    ]);
    expect(plan.diagnostics.map((d) => [d.code, d.message.split(" ")[0]])).toEqual([
      ["quiet-hours", "night"],
      ["title-truncation", "night:"],
    ]);
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain("+ create  night  (PushV2, shop)  sends 2026-06-02T21:30:00Z (2026-06-02 23:30:00 Europe/Berlin)");
    expect(text.trim().endsWith("Plan: 2 to create, 0 to replace, 0 to cancel.")).toBe(true);
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toContain("| 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    expect(markdown).toContain("Next sends (Europe/Berlin): 2026-06-02 23:30");
    expect(markdown).toContain(":warning: night sends at 23h in Europe/Berlin");
  });
  it("keeps a huge plan's Markdown under the comment limit, saying what it left out", () => {
    const many = Array.from(
      { length: 400 },
      (_, i): Campaign => ({
        id: `c${i}`,
        app: "shop",
        target: { devices: Array.from({ length: 20 }, (_, j) => `device-${i}-${j}`) },
        notification: { title: "T", body: "B" },
      }),
    );
    const markdown = renderPlanMarkdown(planOf(many));
    expect(markdown.length).toBeLessThan(MARKDOWN_BUDGET);
    // The campaigns without a section of their own are listed by key.
    const more = markdown.slice(markdown.indexOf("#### More changes (their details left out to stay under the comment size limit"));
    expect(more).toMatch(/^#### More changes[^\n]*\n\n- \*\*create\*\* \(\d+\): `c\d+`/);
    for (let i = 0; i < 400; i++) expect(markdown).toContain(`\`c${i}\``);
    const endless = renderPlanMarkdown(
      planOf(
        Array.from(
          { length: 3000 },
          (_, i): Campaign => ({ id: `campaign-with-a-long-name-${i}`, app: "shop", target: { devices: ["d"] }, notification: { title: "T", body: "B" } }),
        ),
      ),
    );
    expect(endless.length).toBeLessThan(MARKDOWN_BUDGET);
    expect(endless).toMatch(/- \*\*create\*\* \(\d+\):( `campaign-with-a-long-name-\d+`)+ _…and \d+ more_\n/);
  });

  it("fits a request block into its room: long values cut first, then the text, then only a note", () => {
    const block = (value: unknown): Block => ({ lang: "json", render: (limit) => JSON.stringify(shorten(value, limit), null, 2) });
    const long = block({ Value: "d".repeat(5000), Title: "keep me" });
    const values = renderBlock(long, 1000);
    expect(values.length).toBeLessThanOrEqual(1000);
    expect(values).toContain('"Title": "keep me"');
    expect(values).toMatch(/d… \(\d+ more characters\)"/);
    const many = block(Array.from({ length: 2000 }, (_, i) => `id-${i}`));
    for (const room of [600, 5000]) {
      const cut = renderBlock(many, room);
      expect(cut.length).toBeLessThanOrEqual(room);
      expect(cut).toMatch(/\n…\n```\n_cut to \d+ of \d+ characters/);
    }
    expect(renderBlock(many, 100)).toMatch(/^_left out to stay under the comment size limit/);
    expect(renderBlock(block({ Body: "a ``` fence" }), Infinity)).toMatch(/^````json\n[\s\S]*\n````\n$/);
    expect(share([10, 1000, 50], 300)).toEqual([10, 240, 50]);
  });
});
