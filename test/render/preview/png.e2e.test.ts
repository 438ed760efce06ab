import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { packagedChromium } from "../../../src/cli/commands/preview.js";
import { EXAMPLE_RC, runPush, tempProject } from "../../support/cli.js";

/**
 * A visual test of `push preview`'s PNG images against golden PNGs a person has looked at, drawn by the packaged
 * @sparticuz/chromium in the shipped fonts. To update a golden after an intended change: `PUSH_UPDATE_PNG=1 npx vitest run
 * test/render/preview/png.e2e.test.ts`, then look at each changed image before committing it. A failing comparison
 * writes `<name>.actual.png` and `<name>.diff.png` beside the golden.
 */
const GOLDEN_DIR = join(import.meta.dirname, "__golden__", "png");
const UPDATE = process.env.PUSH_UPDATE_PNG === "1";

/**
 * Tolerance: a pixel differs when its colour distance passes pixelmatch's 0.1 (its default) and it is not
 * anti-aliasing; an image may have at most 1 differing pixel in 10,000. The same fonts and the same browser draw
 * the same pixels; another Chromium build may move anti-aliasing, which pixelmatch discounts. One changed character
 * of 14-pixel text (drawn at twice the density) changes a few hundred pixels, far above the tolerance.
 */
const PIXEL_THRESHOLD = 0.1;
const MAX_DIFF_RATIO = 1 / 10_000;

// The goldens are drawn by the packaged Chromium (push's optional dependency), never a system browser of another
// build: the same pixels on every machine. PUSH_CHROMIUM names another one on purpose.
const chromium = process.env.PUSH_CHROMIUM ?? (await packagedChromium());
if (!chromium)
  throw new Error("no packaged Chromium (@sparticuz/chromium, Linux x64/arm64) for the PNG goldens: install the optional dependencies, or set PUSH_CHROMIUM");
const browserEnv = { PUSH_CHROMIUM: chromium };
const NOW = ["--now", "2026-06-01T00:00:00Z"];

/** Chinese text (a 45-character title), emoji, and one campaign on all three platforms through mPaaS. */
const CAMPAIGNS = `id: zh-sale
app: shop
target: {platform: android, devices: [device-id]}
notification:
  title: 双十一预售今晚八点开启，全场满三百减五十，会员再享九五折，限时三天先到先得，快来抢购吧！！
  body: 🎉 亲爱的会员，您关注的商品已降价 30%，点击查看详情 👉 优惠券今晚 24:00 过期。
---
id: zh-ios
app: shop
target: {platform: ios, devices: [device-id]}
notification:
  title: 您的订单已发货 📦
  body: 订单 123456 已由顺丰快递揽收，预计明天送达。Track your parcel in the app.
  ios: {badge: 3, subtitle: 物流更新}
---
id: wallet-all
app: wallet
target: {users: [user-1]}
notification:
  title: Monthly statement ready ✅
  body: Your May statement is ready. Tap to see where your money went — and what you saved.
`;

const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}", "campaigns/visual.yaml": CAMPAIGNS });
const out = join(project.root, "preview");
afterAll(() => project.cleanup());

function comparePng(name: string, actualBytes: Buffer): void {
  const golden = join(GOLDEN_DIR, `${name}.png`);
  const actualFile = join(GOLDEN_DIR, `${name}.actual.png`);
  const diffFile = join(GOLDEN_DIR, `${name}.diff.png`);
  rmSync(actualFile, { force: true });
  rmSync(diffFile, { force: true });
  if (UPDATE || !existsSync(golden)) {
    if (!UPDATE) throw new Error(`no golden ${golden}: run with PUSH_UPDATE_PNG=1 to write it, then look at it`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(golden, actualBytes);
    return;
  }
  const expected = PNG.sync.read(readFileSync(golden));
  const actual = PNG.sync.read(actualBytes);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    writeFileSync(actualFile, actualBytes);
    expect.fail(`${name}: ${actual.width}x${actual.height}, the golden is ${expected.width}x${expected.height} (see ${actualFile})`);
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: PIXEL_THRESHOLD });
  const allowed = Math.floor(actual.width * actual.height * MAX_DIFF_RATIO);
  if (differing > allowed) {
    writeFileSync(actualFile, actualBytes);
    writeFileSync(diffFile, PNG.sync.write(diff));
    expect.fail(`${name}: ${differing} pixels differ from the golden (at most ${allowed} may): see ${actualFile} and ${diffFile}`);
  }
}

describe("push preview's PNG images in headless Chromium", () => {
  it("match the reviewed goldens: Chinese text, emoji and the three platforms in the shipped fonts", async () => {
    const run = await runPush(["preview", "--out", out, ...NOW], { cwd: project.root, env: browserEnv });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("3 campaign pages and 3 PNG images in ");
    const images = readdirSync(out)
      .filter((f) => f.endsWith(".png"))
      .sort();
    expect(images).toEqual(["wallet-all.png", "zh-ios.png", "zh-sale.png"]);
    for (const image of images) comparePng(image.replace(/\.png$/, ""), readFileSync(join(out, image)));
  });

  it("write the fonts the pages use beside them, so a page opened from the folder draws the same", () => {
    const fonts = readdirSync(out).filter((f) => f.endsWith(".woff2"));
    const page = readFileSync(join(out, "zh-sale.html"), "utf8");
    // Latin, Chinese and emoji faces, each loaded by a relative URL that is a file in the folder.
    expect(fonts.some((f) => f.startsWith("noto-sans-latin-"))).toBe(true);
    expect(fonts.some((f) => f.startsWith("noto-sans-sc-"))).toBe(true);
    expect(fonts.some((f) => f.startsWith("noto-emoji-"))).toBe(true);
    const urls = [...page.matchAll(/src: url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(fonts).toContain(url);
  });

  it("an executable that is not a browser is an error that names it; the HTML is still written", async () => {
    const dir = join(out, "..", "not-a-browser");
    const run = await runPush(["preview", "--out", dir, ...NOW, "campaigns/visual.yaml"], { cwd: project.root, env: { PUSH_CHROMIUM: "/bin/true" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[preview-png-failed]: /bin/true did not render the images");
    expect(
      readdirSync(dir)
        .filter((f) => !f.endsWith(".woff2"))
        .sort(),
    ).toEqual([".push-preview.json", "index.html", "wallet-all.html", "zh-ios.html", "zh-sale.html"]);
  });
});
