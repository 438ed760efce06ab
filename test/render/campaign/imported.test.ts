import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCampaignFileFast } from "../../../src/load/fast.js";
import { parseCampaignFile } from "../../../src/load/index.js";
import { idFromTitle, renderImportedCampaign } from "../../../src/render/campaign/imported.js";

const file = (fields: Record<string, unknown>, given?: number) =>
  renderImportedCampaign({
    id: "x",
    app: "shop",
    fields,
    origin: "EMAS app key 1, task 2",
    sendAt: "2026-06-05T12:00:00Z",
    unseen: ["PushTask.Options"],
    ...(given === undefined ? {} : { given }),
    schema: "../../schemas/campaign.schema.json",
    on: "2026-06-01",
  });

describe("an imported campaign file", () => {
  it("reads back as exactly the values it was written from, whatever the provider's texts hold", () => {
    // Titles and bodies come from a listing: any text, with quotes, colons, # marks, newlines, emoji or CJK.
    const text = fc.string({
      unit: fc.constantFrom(
        "a",
        " ",
        ":",
        "#",
        "'",
        '"',
        "\n",
        "\t",
        "-",
        "{",
        "[",
        "&",
        "*",
        "!",
        "%",
        "@",
        "`",
        "|",
        ">",
        "é",
        "中",
        "🎉",
        "\\",
        "0",
        "1.5",
        "true",
        "null",
        "~",
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, text, fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), { minLength: 1, maxLength: 30 }), (title, body, ids) => {
        const fields = { target: { platform: "ios", devices: ids }, notification: { title, body }, schedule: { at: "2026-06-05T20:00:00+08:00" } };
        const written = file(fields, ids.length);
        const expected = { id: "x", app: "shop", ...fields };
        for (const parsed of [parseCampaignFileFast("x.yaml", written), parseCampaignFile("x.yaml", written)]) {
          expect(parsed.diagnostics).toEqual([]);
          expect(parsed.documents.map((d) => d.value)).toEqual([expected]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("keeps a provider's text out of the YAML even when it breaks lines", () => {
    const written = renderImportedCampaign({
      id: "x",
      app: "shop",
      fields: { target: { platform: "all", all: true }, notification: { title: "T", body: "B" }, schedule: { at: "2026-06-05T20:00:00+08:00" } },
      origin: "EMAS app key 1, task 2\nid: hijack",
      sendAt: "2026-06-05T12:00:00Z",
      unseen: ["PushTask.Options"],
      schema: "s.json",
      on: "2026-06-01",
    });
    expect(parseCampaignFile("x.yaml", written).documents[0]!.value).toMatchObject({ id: "x" });
    expect(written).toContain("task 2 id: hijack, sending");
  });

  it("keeps its header to comment lines and quotes the send time", () => {
    const written = file({ target: { platform: "all", all: true }, notification: { title: "T", body: "B" }, schedule: { at: "2026-06-05T20:00:00+08:00" } });
    const header = written.split("\n").filter((line) => line.startsWith("#"));
    expect(header.every((line) => line.length <= 116)).toBe(true);
    expect(written).not.toContain("--audience");
    expect(written).toContain('  at: "2026-06-05T20:00:00+08:00"\n');
  });

  it("makes an id of a title's letters and digits, or none", () => {
    expect(idFromTitle("Summer sale: 50% off!")).toBe("summer-sale-50-off");
    expect(idFromTitle("Crème brûlée")).toBe("creme-brulee");
    expect(idFromTitle("双十一大促")).toBeNull();
    expect(idFromTitle(undefined)).toBeNull();
    expect(idFromTitle(`${"a".repeat(39)} tail`)).toBe("a".repeat(39));
  });
});
