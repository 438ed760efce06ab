import { MONO_STACK, SANS_STACK } from "./fonts.js";

const stack = (families: readonly string[], generic: string) => [...families.map((f) => `"${f}"`), generic].join(", ");
const SANS = stack(SANS_STACK, "sans-serif");
const MONO = stack(MONO_STACK, "monospace");

/**
 * The pages' one stylesheet, inlined: a preview opens from an artifact or a file with no network. Text is drawn in
 * the shipped fonts (fonts.ts), never the machine's, so that the images are the same everywhere. The mock-ups
 * follow each platform's default notification style (iOS lock screen, Android and HarmonyOS shade) closely
 * enough to judge length, cut and picture; vendors' skins differ in detail.
 */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --warn: #9a6700; --warn-bg: #fff8c5; --bad: #d1242f; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 ${SANS}; color: var(--ink); background: #fff; }
a { color: #0969da; }
code { font: 12px ${MONO}; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
h1 { font-size: 22px; margin: 4px 0; } h2 { font-size: 17px; margin: 28px 0 10px; }
.crumb, .meta, footer { color: var(--muted); } .crumb { margin: 0; } .description { max-width: 760px; }
footer { margin-top: 32px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
.warn { color: var(--warn); } td.warn, li.warn { background: var(--warn-bg); } .bad { color: var(--bad); font-weight: 600; }

#mockups { width: max-content; max-width: 1400px; padding: 16px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 12px; }
.mockups-head { margin: 0 0 12px; font-size: 15px; }
.devices { display: flex; gap: 20px; align-items: flex-start; }
figure.device { margin: 0; width: 300px; }
figure.device figcaption { font-weight: 600; margin-bottom: 6px; } figure.device figcaption small { font-weight: 400; color: var(--muted); }
.screen { position: relative; min-height: 340px; border-radius: 28px; padding: 14px 12px 18px; overflow: hidden; border: 6px solid #1b1b1f; }
.fit-notes { list-style: none; margin: 8px 2px 0; padding: 0; font-size: 12px; } .fit-notes li { padding: 1px 4px; border-radius: 4px; } .fit-notes li.url { overflow-wrap: anywhere; }

.card { position: relative; border-radius: 14px; padding: 10px 12px; margin-bottom: 8px; }
.head { display: flex; align-items: center; gap: 6px; font-size: 12px; margin-bottom: 4px; }
.head .when { margin-left: auto; }
.icon { position: relative; display: inline-flex; align-items: center; justify-content: center; width: 20px; height: 20px; border-radius: 5px; background: #4f6bed; color: #fff; font-size: 11px; font-weight: 700; flex: none; }
.badge { position: absolute; top: -7px; right: -9px; min-width: 17px; height: 17px; padding: 0 4px; border-radius: 9px; background: #ff3b30; color: #fff; font-size: 10px; line-height: 17px; text-align: center; font-weight: 600; }
.row { display: flex; gap: 8px; } .text { flex: 1; min-width: 0; }
.title { font-weight: 600; } .subtitle { font-weight: 500; }
.title, .subtitle, .body { overflow-wrap: anywhere; white-space: pre-line; }
.clamp-1, .clamp-2, .clamp-4 { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.clamp-1 { -webkit-line-clamp: 1; } .clamp-2 { -webkit-line-clamp: 2; } .clamp-4 { -webkit-line-clamp: 4; }
.inbox { margin: 4px 0 0; padding-left: 16px; }
.thumb, .picture { display: flex; flex-direction: column; justify-content: center; gap: 2px; border: 1px dashed #8c959f; background: repeating-linear-gradient(45deg, #eaeef2, #eaeef2 6px, #f6f8fa 6px, #f6f8fa 12px); color: var(--muted); font-size: 9px; overflow: hidden; overflow-wrap: anywhere; text-align: center; }
.thumb { width: 44px; height: 44px; flex: none; border-radius: 6px; padding: 2px; }
.picture { height: 120px; margin-top: 8px; border-radius: 8px; padding: 6px; font-size: 10px; }
.placeholder-label { font-weight: 600; text-transform: uppercase; letter-spacing: .04em; } .thumb .placeholder-label { font-size: 8px; letter-spacing: 0; }
.state { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; margin: 10px 4px 4px; opacity: .8; }
.silent .card { opacity: .45; } .silent-label { font-size: 12px; font-weight: 600; margin: 4px; }
.home { display: flex; align-items: center; gap: 10px; margin-top: 14px; font-size: 12px; }
.screen .home .icon { width: 40px; height: 40px; border-radius: 10px; font-size: 18px; }
.screen .home .badge { top: -6px; right: -8px; font-size: 11px; }

.ios .screen { background: linear-gradient(160deg, #3a4e7a, #7d5a8c 55%, #c07a6a); color: #fff; }
.ios .lock { text-align: center; margin: 6px 0 18px; } .ios .lock-date { font-size: 14px; font-weight: 500; } .ios .lock-time { font-size: 56px; font-weight: 600; line-height: 1.05; letter-spacing: -1px; }
.ios .card { background: rgba(245, 245, 245, .88); color: #111; border-radius: 18px; }
.ios .head { text-transform: uppercase; color: #555; }

.android .screen, .hmos .screen { padding-top: 8px; }
.status { display: flex; justify-content: space-between; font-size: 12px; padding: 0 6px 10px; }
.android .screen { background: #dfe3ea; color: #1b1b1f; }
.android .card { background: #fff; border-radius: 20px; box-shadow: 0 1px 2px rgba(0,0,0,.15); }
.android .head { color: #44474f; } .android .icon { width: 18px; height: 18px; border-radius: 50%; background: #0b57d0; }
.android .expand { margin-left: 4px; font-size: 12px; color: #44474f; }
.hmos .screen { background: linear-gradient(180deg, #e9eef6, #dfe6f1); color: #191919; }
.hmos .card { background: rgba(255,255,255,.95); border-radius: 24px; }
.hmos .head { color: #666; } .hmos .icon { border-radius: 7px; background: #0a59f7; }

.data-message { margin-top: 14px; max-width: 640px; border: 1px solid var(--line); border-radius: 10px; background: #fff; padding: 10px 12px; }
.data-message pre { margin: 6px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; font: 12px ${MONO}; }

.months { display: flex; flex-wrap: wrap; gap: 16px; }
table.month { table-layout: fixed; } table.month caption { font-weight: 600; text-align: left; padding-bottom: 4px; }
table.month th, table.month td { width: 64px; height: 44px; font-size: 11px; padding: 2px 4px; }
table.month td.empty { background: #fafbfc; } table.month td .day { color: var(--muted); }
table.month td.send { background: #ddf4ff; } table.month td.send.deferred { background: #f1f1f1; } table.month td.today { outline: 2px solid #0969da; outline-offset: -2px; }
table.month .at { display: block; font-weight: 600; }
.legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px -2px 10px; border: 1px solid var(--line); } .legend .send { background: #ddf4ff; } .legend .deferred { background: #f1f1f1; } .legend .today { outline: 2px solid #0969da; outline-offset: -2px; }
ol.sends { padding-left: 22px; } ol.sends .deferred { color: var(--muted); }
`;
