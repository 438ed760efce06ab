import { describe, expect, it } from "vitest";
import { renderSchedule } from "../../../src/render/preview/calendar.js";
import { loadFontCatalogue } from "../../../src/render/preview/font-files.js";
import { facesFor, fontFaceCss, MONO_STACK, SANS_STACK, withFonts } from "../../../src/render/preview/fonts.js";
import { renderCampaignPage, renderIndexPage } from "../../../src/render/preview/page.js";
import { PAGE_CSS } from "../../../src/render/preview/styles.js";
import { renderPreviewSummary } from "../../../src/render/preview/summary.js";
import { previewOf } from "./support.js";

/** The goldens leave out the stylesheet, which is the same on every page: what a reviewer reads is the markup. */
const withoutCss = (html: string) => html.replace(PAGE_CSS, "/* PAGE_CSS */");

const springSale = {
  id: "spring-sale",
  app: "shop",
  name: "Spring sale",
  description: "Reminds last week's visitors of the sale.",
  target: { platform: "all" as const, devices: ["device-1", "device-2"] },
  notification: {
    title: "Spring sale: 20% off everything",
    body: "Everything in the store is 20% off until Sunday night. Open the app to see what is new this season.",
    ios: { subtitle: "Two days left", badge: 3 },
    android: { pictureUrl: "https://img.example.com/spring.png", badgeSetNum: 3 },
    hmos: { imageUrl: "https://img.example.com/spring-icon.png" },
  },
  schedule: { at: "2026-03-20T10:00:00", timezone: "Asia/Shanghai" },
  ttl: "3h",
};

const dstLoop = {
  id: "monday-digest",
  app: "wallet",
  target: { users: ["u1", "u2", "u3"] },
  notification: {
    title: "Your week",
    body: "Spending this week",
    mpaas: { pushStyle: 2 as const, imageUrls: { defaultUrl: "https://img.example.com/week.png" } },
  },
  schedule: { every: "week" as const, on: ["mon" as const], time: "09:00", from: "2026-03-02", until: "2026-03-16", timezone: "America/New_York" },
};

describe("the preview pages", () => {
  it("a one-off EMAS campaign on three platforms (golden)", async () => {
    const doc = previewOf([springSale], "2026-03-18T00:00:00Z");
    await expect(withoutCss(renderCampaignPage(doc, doc.campaigns[0]!))).toMatchFileSnapshot("__golden__/spring-sale.html");
  });

  it("the calendar of a weekly mPaaS loop across a change to daylight saving time (golden)", async () => {
    const doc = previewOf([dstLoop], "2026-03-01T00:00:00Z");
    const html = renderSchedule(doc.campaigns[0]!);
    expect(html).toContain("changes from UTC−05:00 to UTC−04:00");
    await expect(html).toMatchFileSnapshot("__golden__/monday-digest-schedule.html");
  });

  it("the index lists every campaign with its page (golden)", async () => {
    const doc = previewOf([springSale, dstLoop, { id: "index", app: "shop", message: { body: "{}" } }], "2026-03-01T00:00:00Z");
    const html = withoutCss(renderIndexPage(doc));
    expect(html).toContain('<a href="index_.html">index</a>');
    await expect(html).toMatchFileSnapshot("__golden__/index.html");
  });

  it("is the same for the same clock", () => {
    const render = () => {
      const doc = previewOf([springSale, dstLoop], "2026-03-01T00:00:00Z");
      return doc.campaigns.map((c) => renderCampaignPage(doc, c)).join("");
    };
    expect(render()).toBe(render());
  });
});

describe("truncation", () => {
  it("an mPaaS title over Android's 50 characters is cut there on Android only; the compiler lets mPaaS pass it on", () => {
    const title = "Limited offer: 50% off every jacket and coat until midnight";
    const doc = previewOf([{ id: "long", app: "wallet", target: { users: ["u1"] }, notification: { title, body: "Shop now" } }], "2026-03-01T00:00:00Z");
    const page = renderCampaignPage(doc, doc.campaigns[0]!);
    const android = page.slice(page.indexOf('<figure class="device android">'), page.indexOf('<figure class="device hmos">'));
    expect(android).toContain(`<div class="title clamp-1">${title.slice(0, 50)}…</div>`);
    expect(android).toContain('<span class="bad">Title 59/50 characters</span>: over the limit, cut');
    expect(page).toContain(`<div class="title clamp-1">${title}</div>`);
    expect(page).toContain('<td class="warn">59 / 50 characters <span class="bad">over the limit: cut to 50</span></td>');
  });
});

describe("campaign text is user input", () => {
  const hostile = {
    id: "hostile",
    app: "shop",
    name: `<b>"Bold" & 'co'</b>`,
    description: "<script>alert(1)</script>",
    target: { platform: "android" as const, devices: ["device-1"] },
    notification: {
      title: "<img src=x onerror=alert(1)>",
      body: "</div><script>steal()</script>",
      android: { pictureUrl: `https://x.example/"><script>alert(2)</script>` },
    },
    message: { title: "<style>*{}</style>", body: "<iframe src=//evil>" },
  };
  const doc = previewOf([hostile], "2026-03-01T00:00:00Z");
  const page = renderCampaignPage(doc, doc.campaigns[0]!);
  const index = renderIndexPage(doc);

  it("is escaped everywhere: only the renderer's own tags appear", () => {
    const allowed = new Set(
      "html head meta title style body header p a h1 h2 h3 small code b br section div figure figcaption span ul li ol table tr th td caption pre footer".split(
        " ",
      ),
    );
    for (const html of [page, index]) {
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].filter((t) => !allowed.has(t))).toEqual([]);
      expect(html.match(/<style>/g)?.length).toBe(1);
    }
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).toContain("&lt;/div&gt;&lt;script&gt;steal()&lt;/script&gt;");
    expect(page).toContain(`title="https://x.example/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"`);
    expect(page).toContain("&lt;b&gt;&quot;Bold&quot; &amp; &#39;co&#39;&lt;/b&gt;");
  });

  it("makes no request but for its fonts beside it: no src, url() only to a font file, links only to the preview's own pages, and a policy that forbids the rest", () => {
    const catalogue = loadFontCatalogue();
    for (const bare of [page, index]) {
      const html = withFonts(bare, fontFaceCss(facesFor(catalogue.faces, bare, [SANS_STACK, MONO_STACK])));
      expect([...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]).filter((tag) => /\ssrc=/i.test(tag))).toEqual([]);
      expect(html).not.toMatch(/@import/i);
      const urls = [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^noto-[a-z0-9-]+\.woff2$/);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^[a-z0-9_-]+\.html$/);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src 'self'">`);
    }
  });
});

describe("the summary on stdout", () => {
  it("lists each campaign's page and image as Markdown", () => {
    const doc = previewOf([springSale, dstLoop], "2026-03-18T00:00:00Z");
    const pages = new Map([
      ["spring-sale", "out/spring-sale.html"],
      ["monday-digest", "out/monday-digest.html"],
    ]);
    const text = renderPreviewSummary(doc, {
      dir: "out",
      index: "out/index.html",
      pages,
      images: new Map([["spring-sale", "out/spring-sale.png"]]),
      imagesSkipped: null,
    });
    expect(text).toBe(
      [
        "### push preview",
        "",
        "2 campaign pages and 1 PNG image in `out`; open `out/index.html`.",
        "",
        "| campaign | shows on | sent | page | image |",
        "|---|---|---|---|---|",
        "| `spring-sale` | iOS, Android, HarmonyOS | 2026-03-20 10:00 Asia/Shanghai | `out/spring-sale.html` | `out/spring-sale.png` |",
        "| `monday-digest` | iOS, Android, HarmonyOS | every week on Monday at 09:00 America/New_York, no sends left | `out/monday-digest.html` | - |",
        "",
      ].join("\n"),
    );
  });
});
