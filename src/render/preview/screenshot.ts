/**
 * PNG images of the pages' mock-ups, taken by a headless Chromium that playwright-core drives. playwright-core
 * loads here, on first use, so that no other command pays for it, and it never downloads a browser: the CLI finds
 * the system's and hands over a fresh profile folder. The one module of render/ that leaves the process; it
 * writes no file.
 */
import { MOCKUPS_SELECTOR } from "./page.js";

/** Flags that start Chromium headless in containers and CI (no sandbox, GPU or background traffic). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A cold start takes a second or two; a browser that has not answered in 30 s will not. */
const TIMEOUT_MS = 30_000;

/**
 * Pages rendered at once: encoding the PNG is most of a page's time, and tabs encode side by side (the example
 * campaigns' 14 pages, median of 5 runs on two cores: 2.7 s on one tab, 2.2 s on four, launch included).
 */
const TABS = 4;

export interface ChromiumLaunch {
  executablePath: string;
  /** A new, empty folder for the browser's profile. */
  userDataDir: string;
}

/** One PNG of each page's mock-ups, by page id, at twice CSS pixel density so that text stays sharp in a comment. */
export async function screenshotMockups(pages: Array<{ id: string; html: string }>, launch: ChromiumLaunch): Promise<Map<string, Buffer>> {
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(launch.userDataDir, {
    executablePath: launch.executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 2,
    javaScriptEnabled: false,
    offline: true,
    timeout: TIMEOUT_MS,
  });
  try {
    // Beside the pages' Content-Security-Policy: no request leaves the browser, whatever a page holds.
    await context.route("**/*", (route) => route.abort());
    const shots: Buffer[] = [];
    let next = 0;
    const tab = async () => {
      const page = await context.newPage();
      for (let i = next++; i < pages.length; i = next++) {
        await page.setContent(pages[i]!.html, { waitUntil: "load", timeout: TIMEOUT_MS });
        shots[i] = await page.locator(MOCKUPS_SELECTOR).screenshot({ animations: "disabled", timeout: TIMEOUT_MS });
      }
    };
    await Promise.all(Array.from({ length: Math.min(TABS, pages.length) }, tab));
    return new Map(pages.map((p, i) => [p.id, shots[i]!]));
  } finally {
    await context.close();
  }
}
