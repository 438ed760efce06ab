#!/usr/bin/env node
// The README's picture of a pull-request comment (docs/pr-comment.png): a small project planned with
// `push plan --format markdown`, the Markdown drawn the way GitHub draws the few forms the comment uses (headings,
// a table, collapsed sections opened, code blocks, lists), and a screenshot taken by the packaged Chromium.
// Run after changing the comment: npm run build && node scripts/comment-picture.mjs. Look at the picture before
// committing it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("..", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "push-picture-"));
const write = (name, text) => {
  mkdirSync(join(project, name, ".."), { recursive: true });
  writeFileSync(join(project, name), text);
};
write(
  ".pushrc.json",
  JSON.stringify({
    apps: { shop: { provider: "emas", appKey: 233586006 }, wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "prod" } },
    endpoint: "local",
  }),
);
write("package.json", "{}");
write("campaigns/devices.txt", Array.from({ length: 3000 }, (_, i) => `device-${i}`).join("\n"));
write(
  "campaigns/launch.yaml",
  'id: summer-launch\napp: shop\ntarget: {platform: ios, devicesFile: devices.txt}\nnotification: {title: Summer is here, body: "Our summer collection is live"}\nschedule: {at: "2026-06-19T20:00:00", timezone: Asia/Shanghai}\n',
);
write(
  "campaigns/welcome.yaml",
  "id: welcome-back\napp: shop\ntarget: {platform: android, devices: [a1, a2]}\nnotification: {title: Welcome back, body: We missed you}\n",
);
write(
  "campaigns/bills.yaml",
  'id: bill-reminder\napp: wallet\ntarget: {users: [u1, u2, u3]}\nnotification: {title: Your bill is due, body: Pay by Friday}\nschedule: {every: week, on: [mon], time: "10:00", from: "2026-06-15", until: "2026-08-31"}\n',
);
const push = (...args) =>
  execFileSync(process.execPath, [join(repo, "bin/push.js"), ...args, "--now", "2026-06-13T00:00:00Z"], { cwd: project, encoding: "utf8" });
const markdown = push("plan", "--format", "markdown");
rmSync(project, { recursive: true, force: true });

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const emoji = { ":zap:": "⚡", ":warning:": "⚠️", ":white_check_mark:": "✅", ":x:": "❌" };
const inline = (s) =>
  s
    .replace(/:[a-z_]+:/g, (e) => emoji[e] ?? e)
    .replace(/`([^`]+)`/g, (_, c) => `<code>${escapeHtml(c)}</code>`)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/_([^_]+)_/g, "<em>$1</em>");
/** The Markdown forms push's comment uses, as GitHub draws them; HTML lines (details, summary) pass through. */
function html(md) {
  const out = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      const code = [];
      while (++i < lines.length && !lines[i].startsWith("```")) code.push(escapeHtml(lines[i]));
      out.push(`<pre>${code.join("\n")}</pre>`);
    } else if (line.startsWith("|")) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i]);
      i--;
      const cells = (r) =>
        r
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim());
      out.push(
        `<table><tr>${cells(rows[0])
          .map((c) => `<th>${c}</th>`)
          .join("")}</tr>${rows
          .slice(2)
          .map(
            (r) =>
              `<tr>${cells(r)
                .map((c) => `<td>${inline(c)}</td>`)
                .join("")}</tr>`,
          )
          .join("")}</table>`,
      );
    } else if (/^#{1,4} /.test(line)) out.push(`<h3>${inline(line.replace(/^#+ /, ""))}</h3>`);
    else if (line.startsWith("- ")) out.push(`<li>${inline(line.slice(2))}</li>`);
    else if (line.startsWith("<details>"))
      out.push(line.replace("<details>", "<details open>").replace(/<summary>(.*)<\/summary>/, (_, s) => `<summary>${inline(s)}</summary>`));
    else if (line.startsWith("<")) out.push(line);
    else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  return out.join("\n");
}
const page = `<!doctype html><meta charset="utf-8"><style>
body{font:14px/1.5 "Noto Sans",sans-serif;color:#1f2328;margin:0;background:#fff}
.c{width:860px;margin:16px;border:1px solid #d1d9e0;border-radius:6px}
.h{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;color:#59636e}.b{padding:8px 16px}
h3{font-size:16px;margin:16px 0 8px}table{border-collapse:collapse}th,td{border:1px solid #d1d9e0;padding:4px 10px}
pre{background:#f6f8fa;padding:8px;border-radius:6px;font:12px "Noto Sans Mono",monospace;white-space:pre-wrap}
code{background:#eff1f3;padding:1px 4px;border-radius:4px;font:12px "Noto Sans Mono",monospace}
summary{margin:6px 0;cursor:pointer}li{margin-left:20px}details{border-left:3px solid #d1d9e0;padding-left:8px;margin:6px 0}
</style><div class="c"><div class="h"><strong>github-actions</strong> bot commented · push plan for <code>--env production</code> at 3f2a9c1</div><div class="b">${html(markdown)}</div></div>`;

const { default: sparticuz } = await import("@sparticuz/chromium");
const { chromium } = await import("playwright-core");
const profile = mkdtempSync(join(tmpdir(), "push-picture-profile-"));
const asRoot = process.getuid?.() === 0;
const context = await chromium.launchPersistentContext(profile, {
  executablePath: await sparticuz.executablePath(),
  headless: true,
  chromiumSandbox: !asRoot,
  args: ["--headless", "--disable-gpu", ...(asRoot ? ["--no-sandbox"] : [])],
  viewport: { width: 900, height: 800 },
  deviceScaleFactor: 1,
});
const tab = await context.newPage();
await tab.setContent(page);
mkdirSync(join(repo, "docs"), { recursive: true });
await tab.locator(".c").screenshot({ path: join(repo, "docs/pr-comment.png") });
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`wrote docs/pr-comment.png (${markdown.length} characters of Markdown)`);
