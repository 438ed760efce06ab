import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findChromium } from "../../../src/cli/commands/preview.js";
import { runPush } from "../../support/cli.js";

// Not skipped without a browser: CI installs one (.ci/run), and a missing one fails with what to do.
const chromium = findChromium(process.env).path;
const browserEnv = { ...(process.env.PATH ? { PATH: process.env.PATH } : {}), ...(process.env.PUSH_CHROMIUM ? { PUSH_CHROMIUM: process.env.PUSH_CHROMIUM } : {}) };
const out = mkdtempSync(join(tmpdir(), "push-preview-png-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG header: the signature, then the IHDR chunk (length, type, width, height). */
function pngSize(file: string): { width: number; height: number; bytes: number } {
  const data = readFileSync(file);
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE), `${file} starts with the PNG signature`).toBe(true);
  expect(data.subarray(12, 16).toString("latin1"), `${file} has its IHDR chunk first`).toBe("IHDR");
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
}

describe("push preview in headless Chromium", () => {
  it("renders a PNG of each example campaign's mock-ups", async () => {
    if (!chromium) throw new Error("no Chromium for the PNG images: run `bash scripts/ci-chromium.sh` (installs Debian's chromium), or set PUSH_CHROMIUM to a Chromium or Chrome binary");
    const run = await runPush(["preview", "--out", out], { cwd: process.cwd(), env: browserEnv });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("14 campaign pages and 14 PNG images in ");
    const pages = readdirSync(out).filter((f) => f.endsWith(".html") && f !== "index.html");
    const sizes = new Map(pages.map((page) => [page.replace(/\.html$/, ""), pngSize(join(out, page.replace(/\.html$/, ".png")))]));
    for (const [id, size] of sizes) {
      // Twice CSS pixel density: a phone is 300 CSS pixels wide, the page at most 1440.
      expect(size.width, id).toBeGreaterThanOrEqual(600);
      expect(size.width, id).toBeLessThanOrEqual(2 * 1440);
      expect(size.height, id).toBeGreaterThanOrEqual(300);
      expect(size.height, id).toBeLessThanOrEqual(4000);
      expect(size.bytes, id).toBeGreaterThan(10_000);
    }
    // Three phones side by side (mPaaS to a user id) against one (EMAS to iOS devices).
    expect(sizes.get("python-test")!.width).toBeGreaterThan(2 * sizes.get("ios-order-reminder")!.width);
  });

  it("an executable that is not a browser is an error that names it; the HTML is still written", async () => {
    const dir = join(out, "not-a-browser");
    const run = await runPush(["preview", "--out", dir, "campaigns/emas/event-reminder.yaml"], { cwd: process.cwd(), env: { PUSH_CHROMIUM: "/bin/true" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error[preview-png-failed]: /bin/true did not render the images");
    expect(readdirSync(dir).sort()).toEqual([".push-preview.json", "event-reminder.html", "index.html"]);
  });
});
