import { describe, expect, it } from "vitest";
import { wrapLines } from "../../../src/plan/collapsed-text.js";
import { fitText } from "../../../src/render/preview/text-fit.js";
import { planFor } from "../../plan/support.js";

describe("text fit at the providers' limits", () => {
  it("Android titles: 50 characters fit, 51 are cut to 50 whole characters", () => {
    expect(fitText("a".repeat(50), "android", "title")).toMatchObject({ length: 50, limit: 50, unit: "characters", overLimit: false, sent: "a".repeat(50) });
    const over = fitText("a".repeat(51), "android", "title");
    expect(over).toMatchObject({ length: 51, overLimit: true, sent: `${"a".repeat(50)}…` });
  });

  it("counts characters as UTF-16 code units and never splits an emoji", () => {
    const fit = fitText(`${"a".repeat(49)}😀`, "android", "title");
    expect(fit).toMatchObject({ length: 51, overLimit: true, sent: `${"a".repeat(49)}…` });
  });

  it("iOS and HarmonyOS titles: 200 UTF-8 bytes (a CJK character is 3)", () => {
    expect(fitText("订".repeat(66), "ios", "title")).toMatchObject({ length: 198, limit: 200, unit: "UTF-8 bytes", overLimit: false });
    const over = fitText("订".repeat(67), "hmos", "title");
    expect(over).toMatchObject({ length: 201, overLimit: true, sent: `${"订".repeat(66)}…` });
    // 67 characters: over Android's 50 as well.
    expect(fitText("订".repeat(67), "android", "title").overLimit).toBe(true);
  });

  it("bodies: 200 characters on every platform", () => {
    for (const platform of ["ios", "android", "hmos"] as const) {
      expect(fitText("b".repeat(200), platform, "body").overLimit).toBe(false);
      expect(fitText("b".repeat(201), platform, "body")).toMatchObject({ overLimit: true, limit: 200 });
    }
  });
});

describe("the collapsed view", () => {
  it("wraps at spaces, breaks CJK text anywhere and a long word inside", () => {
    const text = "You have a new order waiting for you";
    expect(wrapLines(text, 12).map((end, i, all) => text.slice(i ? all[i - 1] : 0, end).trim())).toEqual(["You have a", "new order", "waiting for", "you"]);
    expect(wrapLines("订单已发货请查收", 8)).toEqual([4, 8]);
    expect(wrapLines("x".repeat(25), 10)).toEqual([10, 20, 25]);
    expect(wrapLines("one\ntwo", 40)).toEqual([3, 7]);
  });

  it("Android shows two lines of body collapsed, then an ellipsis", () => {
    const body = "Your order 1234 has shipped and will arrive tomorrow between 9 and 11 in the morning; track it in the app";
    const fit = fitText(body, "android", "body");
    expect(fit).toMatchObject({ lines: 3, shownLines: 2, overLimit: false });
    expect(fit.collapsed).toBe("Your order 1234 has shipped and will arrive tomorrow between 9 and 11 in the…");
    expect(fitText(body, "ios", "body")).toMatchObject({ lines: 3, shownLines: 4, collapsed: body });
  });

  it("a title longer than a line is cut on one line", () => {
    const fit = fitText("Flash sale: everything in the store at half price today only", "hmos", "title");
    expect(fit).toMatchObject({ overLimit: false, lines: 2, shownLines: 1 });
    expect(fit.collapsed).toBe("Flash sale: everything in the store at…");
  });
});

describe("one measure of a collapsed title, for the preview and the plan's lint", () => {
  const NOW = Date.parse("2026-06-01T00:00:00Z");
  // 45 Chinese characters: the example where the preview and the lint used to disagree (18 against 40).
  const title = "双十一预售今晚八点开启，全场满三百减五十，会员再享九五折，限时三天先到先得，快来抢购吧！！";

  it("the lint's title-truncation names the characters the preview's collapsed view shows", () => {
    expect([...title]).toHaveLength(45);
    for (const platform of ["android", "ios", "hmos"] as const) {
      const shown = [...fitText(title, platform, "title").collapsed.replace(/…$/, "")].length;
      const plan = planFor([{ id: "sale", app: "shop", target: { platform, devices: ["d"] }, notification: { title, body: "B" } }], NOW);
      const lint = plan.diagnostics.filter((d) => d.code === "title-truncation");
      expect(lint, platform).toHaveLength(1);
      expect(lint[0]!.message, platform).toContain(`a title of 45 characters is likely cut after about ${shown} characters in a collapsed notification`);
      expect(shown, platform).toBeLessThan(20);
    }
  });

  it("a title the collapsed view shows whole draws no warning, whatever its length in characters", () => {
    // 39 Latin characters fit Android's line; 21 Chinese characters (42 columns) do not.
    const fits = planFor([{ id: "a", app: "shop", target: { platform: "android", devices: ["d"] }, notification: { title: "x".repeat(39), body: "B" } }], NOW);
    expect(fits.diagnostics.filter((d) => d.code === "title-truncation")).toEqual([]);
    expect(fitText("x".repeat(39), "android", "title").lines).toBe(1);
    const cut = planFor([{ id: "b", app: "shop", target: { platform: "android", devices: ["d"] }, notification: { title: "订".repeat(21), body: "B" } }], NOW);
    expect(cut.diagnostics.filter((d) => d.code === "title-truncation")).toHaveLength(1);
  });
});
