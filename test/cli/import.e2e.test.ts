import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorAt, keys, listedTasks, planProject } from "./plan-project.js";

const NOW = "2026-06-01T00:00:00Z";

/** Tasks made outside the project under test, as a console would: another project's apply, on the same providers. */
async function madeElsewhere(campaigns: Record<string, string>) {
  const { emulator, providers } = await emulatorAt(NOW);
  const options = { endpoint: emulator.url, env: keys(emulator) };
  const console = planProject(campaigns, options);
  expect((await console.push(NOW, "apply", "--auto-approve")).stdout).toContain(`${Object.keys(campaigns).length} created`);
  return { options, providers, console };
}

/** An EMAS scheduled push and an mPaaS fixed-time task made elsewhere. */
async function consoleTasks() {
  const { options, providers, console } = await madeElsewhere({
    "campaigns/sale.yaml":
      'id: summer-sale\napp: shop\ntarget: {platform: ios, devices: [dev-1, dev-2]}\nnotification: {title: Summer sale, body: Half price today}\nschedule: {at: "2026-06-05T12:00:00Z"}\n',
    "campaigns/bill.yaml":
      'id: bill\napp: wallet\ntarget: {users: [u-1, u-2, u-3]}\nnotification: {title: Your bill is due, body: Pay by Friday}\nschedule: {at: "2026-06-15T02:00:00Z"}\n',
  });
  const ids = { emas: console.state().tasks["summer-sale"]!.remoteId!, mpaas: console.state().tasks.bill!.remoteId! };
  const listed = async () => (await listedTasks(providers, NOW, "2026-06-30T00:00:00Z")).map((t) => `${t.remoteId} ${t.status} ${t.sendAt}`).sort();
  return { options, ids, listed };
}

describe("push import", () => {
  it("writes campaign files for two console-made tasks and adopts them: the next plan has no change and the provider holds the same two tasks", async () => {
    const { options, ids, listed } = await consoleTasks();
    const before = await listed();
    expect(before).toHaveLength(2);
    const team = planProject({ "campaigns/.gitkeep": "", "emas.txt": "dev-1\ndev-2\n", "bill.txt": "# from the console\nu-1\nu-2\nu-3\n" }, options);

    const bare = await team.push(NOW, "import");
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      `not imported  EMAS app key 233586006, task ${ids.emas} "Summer sale": the listing does not show who it reaches (the DEVICE ids of Target.Value)\n    hint: give them: --audience <id>=FILE, one id per line`,
    );
    expect(bare.stderr).toContain(`not imported  mPaaS ONEX570DA89211721/test, task ${ids.mpaas} "Your bill is due": the listing does not show who it reaches`);
    expect(existsSync(join(team.root, "campaigns/imported"))).toBe(false);

    const run = await team.push(NOW, "import", "--audience", `${ids.emas}=emas.txt`, "--audience", `${ids.mpaas}=bill.txt`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `imported      EMAS app key 233586006, task ${ids.emas} "Summer sale" -> campaigns/imported/summer-sale.yaml (campaign summer-sale, app shop)`,
    );
    expect(run.stdout).toContain("Import: 2 of 2 task(s) imported: the state records them, the provider was not called");
    expect(team.read("campaigns/imported/summer-sale.yaml")).toBe(
      [
        "# yaml-language-server: $schema=../../node_modules/push-campaigns/schemas/campaign.schema.json",
        `# Imported by push import on 2026-06-01: EMAS app key 233586006, task ${ids.emas}, sending`,
        "# 2026-06-05T12:00:00Z.",
        "# Its 2 targets were given with --audience: no listing shows them, so push cannot check them against the provider's",
        "# task.",
        "# The provider's listing does not show PushTask.Options (expiry, SMS fallback, and the rest); the platform options",
        "# (iOS, Android, HarmonyOS); Notification extras. None of it is written here: the provider keeps what it holds, and",
        "# a change to this campaign replaces the task with what this file says.",
        "id: summer-sale",
        "app: shop",
        "target:",
        "  platform: ios",
        "  devices:",
        "    - dev-1",
        "    - dev-2",
        "notification:",
        "  title: Summer sale",
        "  body: Half price today",
        "schedule:",
        '  at: "2026-06-05T20:00:00+08:00"',
        "",
      ].join("\n"),
    );
    expect(team.read("campaigns/imported/your-bill-is-due.yaml")).toContain(
      'target:\n  users:\n    - u-1\n    - u-2\n    - u-3\nnotification:\n  title: Your bill is due\n  body: Pay by Friday\nschedule:\n  at: "2026-06-15T10:00:00+08:00"\n',
    );
    expect(team.state().tasks["summer-sale"]).toMatchObject({ remoteId: ids.emas, status: "scheduled" });
    expect(team.state().tasks["your-bill-is-due"]).toMatchObject({ remoteId: ids.mpaas, status: "scheduled" });

    const plan = await team.push(NOW, "plan", "--detailed-exitcode");
    expect(plan.stdout).toContain("No changes.");
    expect(plan.code).toBe(0);
    expect(await listed()).toEqual(before);

    const again = await team.push(NOW, "import");
    expect(again.stdout).toBe("Nothing to import: every scheduled task the providers list for the config's apps is managed by push.\n");
    expect(again.code).toBe(0);

    // The way out for a duplicate made in a console: delete its file, apply.
    team.remove("campaigns/imported/summer-sale.yaml");
    expect((await team.push(NOW, "apply", "--auto-approve")).stdout).toContain("0 created, 0 replaced, 1 cancelled");
    expect(await listed()).toEqual(before.map((line) => (line.startsWith(`${ids.emas} `) ? line.replace(" scheduled ", " cancelled ") : line)));
  });

  it("reports what no campaign can say (a loop, a tag), refuses ids it does not list, and writes nothing for them", async () => {
    const { options, console } = await madeElsewhere({
      "campaigns/loop.yaml":
        "id: weekly\napp: wallet\ntarget: {users: [u-1]}\nnotification: {title: Weekly digest, body: B}\nschedule: {every: week, on: [mon], time: '09:00', from: 2026-06-01, until: 2026-06-30}\n",
      "campaigns/tag.yaml":
        'id: vip\napp: shop\ntarget: {platform: all, tag: vip}\nnotification: {title: VIP, body: B}\nschedule: {at: "2026-06-05T12:00:00Z"}\n',
    });
    const loopId = console.state().tasks.weekly!.remoteId!;
    const tagId = console.state().tasks.vip!.remoteId!;
    const team = planProject({ "campaigns/.gitkeep": "" }, options);

    const run = await team.push(NOW, "import");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`task ${loopId} "Weekly digest": a loop: the listing shows 5 run(s), not its rule (circleType, circleValue, its days)`);
    expect(run.stderr).toContain(`task ${tagId} "VIP": a TAG target: the listing does not show the tag expression`);
    expect(run.stdout).toContain("Import: 0 of 2 task(s) imported.");
    expect(readdirSync(join(team.root, "campaigns"))).toEqual([".gitkeep"]);

    const unknown = await team.push(NOW, "import", "4242");
    expect(unknown.stderr).toContain("error: 4242: no app of the config lists a scheduled task of that id");
    expect(unknown.code).toBe(1);
    const managed = await console.push(NOW, "import", tagId);
    expect(managed.stderr).toBe(`error: ${tagId} is managed already: the state records it as vip\n`);
    expect(managed.code).toBe(1);
  });

  it("keeps a long audience in a file beside the campaign, removes a file that would not adopt its task, and writes only inside campaigns/", async () => {
    const { options, ids } = await consoleTasks();
    const many = Array.from({ length: 25 }, (_, i) => `id-${i}`).join("\n");
    const team = planProject({ "campaigns/.gitkeep": "", "many.txt": many }, options);

    const missing = await team.push(NOW, "import", "--audience", `${ids.emas}=nowhere.txt`);
    expect(missing.stderr).toBe(
      `error: --audience ${ids.emas}=nowhere.txt: cannot read nowhere.txt: no such file\n  hint: name a file of ids, one per line, relative to the working directory\n`,
    );
    team.write("bad.txt", "ok-1\nnot,one\n");
    const bad = await team.push(NOW, "import", "--audience", `${ids.emas}=bad.txt`);
    expect(bad.stderr).toMatch(/^error: bad\.txt:2: /);
    expect(bad.code).toBe(1);
    expect(existsSync(join(team.root, "campaigns/imported"))).toBe(false);

    const stray = await team.push(NOW, "import", ids.emas, "--audience", `${ids.mpaas}=many.txt`);
    expect(stray.stderr).toBe(`error: --audience ${ids.mpaas}: no task this import takes has that id\n`);
    expect(stray.code).toBe(1);

    const outside = await team.push(NOW, "import", "--dir", "elsewhere");
    expect(outside.stderr).toBe("error: --dir elsewhere: the files must go inside campaigns/, where push plan reads campaigns\n");
    expect(outside.code).toBe(1);

    const run = await team.push(NOW, "import", "--audience", `${ids.emas}=many.txt`, "--audience", `${ids.mpaas}=many.txt`);
    expect(run.code).toBe(1);
    expect(team.read("campaigns/imported/summer-sale.yaml")).toContain("target:\n  platform: ios\n  devicesFile: summer-sale.devices.txt\n");
    expect(team.read("campaigns/imported/summer-sale.devices.txt")).toBe(`${many}\n`);
    // 25 user ids are three PushSimple requests (10 a request), not the one task the provider holds.
    expect(run.stderr).toContain(
      `task ${ids.mpaas} "Your bill is due": its campaign would plan as adopt your-bill-is-due#1, create your-bill-is-due#2, create your-bill-is-due#3, not as adopting the task`,
    );
    expect(readdirSync(join(team.root, "campaigns/imported")).sort()).toEqual(["summer-sale.devices.txt", "summer-sale.yaml"]);
    expect((await team.push(NOW, "plan", "--detailed-exitcode")).code).toBe(0);
  });

  it("adds an app the config lacks when a task of it is imported, and leaves the config as it was when none is", async () => {
    const { options, ids } = await consoleTasks();
    const rc = JSON.stringify({ apps: { wallet: { provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test" } }, endpoint: options.endpoint });
    const team = planProject({ ".pushrc.json": rc, "campaigns/.gitkeep": "", "devices.txt": "dev-1\ndev-2\n" }, options);
    const untouched = team.read(".pushrc.json");

    const clash = await team.push(NOW, "import", "--app", "wallet=emas:233586006");
    expect(clash.stderr).toBe("error: --app wallet: the config's app wallet is another app; give this one another name\n");
    expect(clash.code).toBe(1);
    const none = await team.push(NOW, "import", "--app", "console-shop=emas:233586006", ids.mpaas);
    expect(none.code).toBe(1);
    expect(team.read(".pushrc.json")).toBe(untouched);

    const run = await team.push(NOW, "import", "--app", "console-shop=emas:233586006", "--audience", `${ids.emas}=devices.txt`, ids.emas);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("added app     console-shop to .pushrc.json");
    expect(JSON.parse(team.read(".pushrc.json")).apps["console-shop"]).toEqual({ provider: "emas", appKey: 233586006 });
    expect(team.read("campaigns/imported/summer-sale.yaml")).toContain("app: console-shop\n");
    const plan = await team.push(NOW, "plan", "--detailed-exitcode", "--target", "summer-sale");
    expect(plan.code).toBe(0);
  });
});
