import { describe, expect, it } from "vitest";
import { parseAudienceFile, safeExcerpt } from "../../src/load/audience.js";
import { parseCampaignFileFast } from "../../src/load/fast.js";
import { parseCampaignFile } from "../../src/load/index.js";

const TEXT = `# yaml-language-server: $schema=../schemas/campaign.schema.json
id: first
app: shop
target:
  devices: [a, b]
notification:
  title: Hello
  ios:
    apnsEnv: DEV
---
# second
id: second
app: wallet
schedule: {every: day, time: 13:45:11, from: 2021-07-08}
`;

describe("parseCampaignFile", () => {
  const parsed = parseCampaignFile("c.yaml", TEXT);
  it("reads every document, keeping times and dates as strings (YAML 1.2 core)", () => {
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents.map((d) => [d.index, d.line, (d.value as { id: string }).id])).toEqual([
      [0, 2, "first"],
      [1, 12, "second"],
    ]);
    expect((parsed.documents[1]!.value as { schedule: object }).schedule).toEqual({ every: "day", time: "13:45:11", from: "2021-07-08" });
  });
  it("locates pointers: values, array items, keys, and the nearest ancestor of a missing path", () => {
    const [first, second] = parsed.documents;
    expect(first!.locate("/notification/ios/apnsEnv")).toEqual({ line: 9, column: 14, endLine: 9, endColumn: 17 });
    expect(first!.locate("/target/devices/1")).toEqual({ line: 5, column: 16, endLine: 5, endColumn: 17 });
    expect(first!.locate("/notification/ios/apnsEnv", { key: true })).toEqual({ line: 9, column: 5, endLine: 9, endColumn: 12 });
    expect(first!.locate("/notification/android/title")?.line).toBe(7);
    expect(second!.locate("/schedule/time")).toMatchObject({ line: 14, column: 30 });
    // a key missing from the document: its first key stands for the root, not every line of it
    expect(second!.locate("", { key: true })).toEqual({ line: 12, column: 1, endLine: 12, endColumn: 3 });
  });
  it("reports malformed YAML with positions instead of throwing", () => {
    const bad = parseCampaignFile("bad.yaml", "id: x\nid: y\ntarget: [\n");
    expect(bad.documents).toEqual([]);
    expect(bad.diagnostics.length).toBeGreaterThan(0);
    expect(bad.diagnostics.every((d) => d.code === "yaml-syntax" && d.file === "bad.yaml" && d.range)).toBe(true);
    expect(bad.diagnostics[0]?.range?.line).toBe(2);
  });
  it("skips empty documents", () => {
    expect(parseCampaignFile("e.yaml", "---\n# nothing\n").documents).toEqual([]);
    expect(parseCampaignFile("e.yaml", "").documents).toEqual([]);
  });
});

describe("parseAudienceFile", () => {
  it("reads one id per line, ignoring blanks and comments, and positions bad lines", () => {
    const r = parseAudienceFile("vip.txt", "# VIPs\ndevice-1\n\n  device-2  \nbad id\na,b\n");
    expect(r.ids).toEqual(["device-1", "device-2"]);
    expect(r.diagnostics.map((d) => [d.code, d.range?.line, d.range?.column])).toEqual([
      ["audience-id-format", 5, 4],
      ["audience-id-format", 6, 2],
    ]);
  });
});

describe("aliases", () => {
  it("reports an alias without an anchor, also one defined in another document, at the alias", () => {
    for (const text of ["id: x\ntarget: {devices: *nope}\n", "id: a\nlist: &ids [d1]\n---\nid: b\ntarget: {devices: *ids}\n"]) {
      for (const parse of [parseCampaignFile, parseCampaignFileFast]) {
        const parsed = parse("c.yaml", text);
        const alias = text.lastIndexOf("*");
        const line = text.slice(0, alias).split("\n").length;
        expect(parsed.diagnostics).toEqual([
          expect.objectContaining({
            code: "yaml-syntax",
            file: "c.yaml",
            range: expect.objectContaining({ line, column: alias - text.lastIndexOf("\n", alias) }),
            message: expect.stringMatching(/^alias \*\w+ refers to no anchor/),
          }),
        ]);
      }
    }
  });
  it("expands aliases up to a limit, and refuses a document that expands past it", () => {
    expect(parseCampaignFileFast("c.yaml", "ids: &ids [d1, d2]\ntarget: {devices: *ids}\n").documents[0]!.value).toEqual({
      ids: ["d1", "d2"],
      target: { devices: ["d1", "d2"] },
    });
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    const bomb = parseCampaignFileFast("c.yaml", `${levels.join("\n")}\n`);
    expect(bomb.documents).toEqual([]);
    expect(bomb.diagnostics.map((d) => d.code)).toEqual(["yaml-alias-expansion"]);
  });
});

describe("safeExcerpt", () => {
  it("quotes at most 12 characters of a line and nothing after its first = or :", () => {
    expect(safeExcerpt("device 2")).toBe("device 2");
    expect(safeExcerpt("export AWS_SECRET_ACCESS_KEY=abc")).toBe("AWS_SECRET_A…=***");
    expect(safeExcerpt("x y TOKEN=abcdef")).toBe("x y TOKEN=***");
    expect(safeExcerpt("password: hunter2")).toBe("password=***");
    expect(safeExcerpt("-----BEGIN PRIVATE KEY----- MIIEvQ")).toBe("-----BEGIN P…");
    expect(safeExcerpt("a\u0000b")).toBe("a\\u0000b");
  });
});
