import { describe, expect, it } from "vitest";
import { compileOne } from "../compile/support.js";
import { emasAt, emulatorAt, keys, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";
const EMAS = { provider: "emas", appKey: 233586006 } as const;
const first = {
  "campaigns/sale.yaml": emasAt("sale", "2026-06-03T10:00:00Z"),
  "campaigns/drifted.yaml": emasAt("drifted", "2026-06-03T11:00:00Z"),
  "campaigns/gone.yaml": emasAt("gone", "2026-06-03T12:00:00Z"),
};

describe("the Markdown plan", () => {
  it("lists cancellations first and apart, each campaign's own warnings, drift and unmanaged tasks", async () => {
    const { emulator, providers } = await emulatorAt(NOW);
    const p = planProject(first, { endpoint: emulator.url, env: keys(emulator) });
    await p.push(NOW, "apply", "--auto-approve");
    await providers.emas.cancel({ appRef: EMAS, remoteId: p.state().tasks.drifted!.remoteId! });
    const outside = await providers.emas.submit({
      task: compileOne(
        { id: "console", app: "shop", notification: { title: "Made in the console", body: "b" }, schedule: { at: "2026-06-05T10:00:00Z" } },
        Date.parse(NOW),
      ).tasks[0]!,
    });
    p.remove("campaigns/gone.yaml");
    p.write("campaigns/sale.yaml", emasAt("sale", "2026-06-03T10:00:00Z").replace("body: B", "body: changed"));
    p.write("campaigns/sale-2.yaml", emasAt("sale-2", "2026-06-03T23:00:00"));

    const run = await p.push(NOW, "plan", "--format", "markdown");
    expect(run.code, run.stderr).toBe(0);
    const md = run.stdout;
    const section = (id: string) => md.slice(md.indexOf(`<summary><code>${id}</code> `), md.indexOf("</details>", md.indexOf(`<summary><code>${id}</code> `)));
    expect(section("sale-2")).toContain(":warning: sale-2 sends at 23h in Asia/Shanghai");
    expect(section("sale")).not.toContain(":warning:");
    expect(section("sale")).toContain("**replace** `sale`");

    const cancellations = md.indexOf("#### :warning: Cancellations (scheduled notifications that will not be sent)\n\n- **cancel** `gone`");
    expect(cancellations).toBeGreaterThan(0);
    expect(cancellations).toBeLessThan(md.indexOf("#### Changes"));
    expect(md.slice(0, md.indexOf("#### Changes"))).not.toContain("<details>");

    expect(md).toContain(`#### Drift (changed outside push)\n\n- \`drifted\` ${p.state().tasks.drifted!.remoteId}: cancelled outside push`);
    expect(md).toContain(
      `#### Unmanaged (scheduled outside push; never cancelled)\n\n- \`${outside.remoteId}\` (EMAS app key 233586006) sends 2026-06-05T10:00:00Z \`Made in the console\``,
    );
    expect(md).toContain(
      "| create | replace | cancel | protect | unchanged | deferred | drift | unmanaged | blocked |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| 2 | 1 | 1 | 0 | 0 | 0 | 1 | 1 | 0 |",
    );
  });

  it("shows a cancelled campaign's time in the zone it had, which state recorded when it was created", async () => {
    const paris =
      'id: paris\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: T, body: B}\nschedule: {at: "2026-06-04T10:00:00", timezone: Europe/Paris}\n';
    const p = planProject({ "campaigns/a.yaml": paris });
    await p.push(NOW, "apply", "--auto-approve");
    expect(p.state().tasks.paris!.timezone).toBe("Europe/Paris");
    p.remove("campaigns/a.yaml");
    expect((await p.push(NOW, "plan")).stdout).toContain("was due 2026-06-04T08:00:00Z (2026-06-04 10:00:00 Europe/Paris)");
    expect((await p.push(NOW, "plan", "--format", "markdown")).stdout).toContain("(shop), was due 2026-06-04 10:00 (Europe/Paris)");
  });

  it("reads in a minute at real sizes: a 3,000-device campaign and 20 small ones in under 16,000 characters, no device id in it", async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `device-${String(i).padStart(30, "0")}`);
    const files: Record<string, string> = {
      "campaigns/v.txt": ids.join("\n"),
      "campaigns/a.yaml":
        'id: huge\napp: shop\ntarget: {platform: ios, devicesFile: v.txt}\nnotification: {title: t, body: b}\nschedule: {at: "2026-06-03T12:00:00Z"}\n',
    };
    for (let i = 0; i < 20; i++)
      files[`campaigns/s${i}.yaml`] =
        i % 4
          ? emasAt(`small-${i}`, "2026-06-04T09:00:00Z")
          : `id: small-${i}\napp: shop\ntarget: {platform: android, devices: [dev-${i}]}\nnotification: {title: now, body: b}\n`;
    const p = planProject(files);
    const run = await p.push(NOW, "plan", "--format", "markdown");
    expect(run.code, run.stderr).toBe(0);
    const md = run.stdout;
    expect(md.length).toBeLessThanOrEqual(16_000);
    expect(md).not.toMatch(/device-0|dev-\d|"d1"/);
    expect(md).toContain(
      "<summary><code>huge</code> · **create** · PushV2 `shop` · 3,000 device ids in 3 requests · iOS · 2026-06-03 20:00 Asia/Shanghai (2026-06-03 12:00 UTC)</summary>",
    );
    expect(md).toContain(
      "<summary><code>small-0</code> · **create** · PushV2 `shop` · 1 device id · Android · :zap: **sends the moment the merge applies** (no schedule)</summary>",
    );
    expect(md).toContain('"Value": "<1,000 device ids>"');
    for (const key of ["huge#1", "huge#2", "huge#3", "small-19"]) expect(md).toContain(`- **create** \`${key}\``);

    // An audience change is counts added and removed, not two lists of ids.
    await p.push(NOW, "apply", "--auto-approve");
    p.write("campaigns/v.txt", [...ids.slice(5), "device-new-1", "device-new-2"].join("\n"));
    const changed = (await p.push(NOW, "plan", "--format", "markdown")).stdout;
    expect(changed).toContain('- audience: "1,000 device ids"\n+ audience: "1,000 device ids (+5, -5)"');
    expect(changed).not.toMatch(/device-/);
    expect(Math.max(...changed.split("\n").map((line) => line.length))).toBeLessThan(400);
  });

  it("lists a loop's coming runs in the campaign's zone, and the EMAS occurrences beyond the window as the text view does", async () => {
    const ny =
      'id: ny\napp: wallet\ntarget: {users: [u1]}\nnotification: {title: t, body: b}\nschedule: {every: week, on: [fri], time: "20:00:00", timezone: America/New_York, from: 2026-10-01, until: 2026-12-31}\n';
    const loop = await planProject({ "campaigns/a.yaml": ny }).push("2026-10-01T00:00:00Z", "plan", "--format", "markdown");
    expect(loop.stdout).toContain("Next sends (America/New_York): 2026-10-02 20:00, 2026-10-09 20:00, 2026-10-16 20:00, 2026-10-23 20:00, 2026-10-30 20:00");

    const daily =
      'id: clk\napp: shop\ntarget: {platform: ios, devices: [d1]}\nnotification: {title: t, body: b}\nschedule: {every: day, time: "10:00:00", until: 2026-06-20}\n';
    const emas = await planProject({ "campaigns/a.yaml": daily }).push(NOW, "plan", "--format", "markdown");
    expect(emas.stdout).toContain("#### Later occurrences of recurring campaigns\n\n- `clk`: 13 more, next 2026-06-08 10:00 (Asia/Shanghai)\n");
  });
});
