/**
 * PNG images of the pages' mock-ups, taken by a headless Chromium that playwright-core drives. playwright-core
 * loads here, on first use, so that no other command pays for it, and it never downloads a browser: the CLI finds
 * one and hands over a fresh profile folder. With font-files.ts, the modules of render/ that leave the process; it
 * writes no file: the browser reads the pages and their fonts from memory, at a made-up origin, as the pages will
 * read them from their folder.
 */
import { MOCKUPS_SELECTOR } from "./page.js";

/** Flags that start Chromium headless with no GPU and no traffic of its own (the network is closed to it anyway). */
const CHROMIUM_FLAGS = [
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium's sandbox cannot start as root: there (containers, CI) it runs without. */
const chromiumFlags = (asRoot: boolean): string[] => (asRoot ? [...CHROMIUM_FLAGS, "--no-sandbox"] : CHROMIUM_FLAGS);

/** The origin the pages are served at, inside the browser only (`.invalid` never resolves). */
const ORIGIN = "http://push-preview.invalid/";

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
export async function screenshotMockups(
  pages: Array<{ id: string; html: string }>,
  fonts: Map<string, Buffer>,
  launch: ChromiumLaunch,
): Promise<Map<string, Buffer>> {
  const { chromium } = await import("playwright-core");
  const asRoot = process.getuid?.() === 0;
  const context = await chromium.launchPersistentContext(launch.userDataDir, {
    executablePath: launch.executablePath,
    headless: true,
    chromiumSandbox: !asRoot,
    args: chromiumFlags(asRoot),
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 2,
    javaScriptEnabled: false,
    timeout: TIMEOUT_MS,
  });
  try {
    // The pages and their fonts come from memory; beside the pages' Content-Security-Policy, any other request is
    // refused, whatever a page holds: nothing leaves the browser.
    const html = new Map(pages.map((p, i) => [`page-${i}.html`, p.html]));
    await context.route("**/*", (route) => {
      const url = route.request().url();
      const name = url.startsWith(ORIGIN) ? url.slice(ORIGIN.length) : "";
      const page = html.get(name);
      if (page !== undefined) return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: page });
      const font = fonts.get(name);
      if (font) return route.fulfill({ status: 200, contentType: "font/woff2", body: font });
      return route.abort();
    });
    const shots: Buffer[] = [];
    let next = 0;
    const tab = async () => {
      const page = await context.newPage();
      for (let i = next++; i < pages.length; i = next++) {
        await page.goto(`${ORIGIN}page-${i}.html`, { waitUntil: "load", timeout: TIMEOUT_MS });
        shots[i] = await page.locator(MOCKUPS_SELECTOR).screenshot({ animations: "disabled", timeout: TIMEOUT_MS });
      }
    };
    await Promise.all(Array.from({ length: Math.min(TABS, pages.length) }, tab));
    return new Map(pages.map((p, i) => [p.id, shots[i]!]));
  } finally {
    await context.close();
  }
}
