/**
 * Hostile input through the same in-process `push validate` the CLI runs: every class of issue 9 part 2 is a
 * positioned diagnostic and exit 1, never an internal error (a throw out of runCli) or an accepted campaign.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}" });
afterAll(() => project.cleanup());

const DEVICE = "abcdefabcdefabcdefabcdefabcdefab";
const valid = (extra = "", app = "shop") => `id: c1\napp: ${app}\ntarget: {${app === "shop" ? "devices" : "users"}: [${app === "shop" ? DEVICE : "u1"}]}\nnotification: {title: T, body: B}\n${extra}`;

interface Found {
  code: number;
  diagnostics: Array<{ severity: string; code: string; message: string; file: string | null; line: number | null }>;
  length: number;
}

let runs = 0;
/** Validates one campaign file (text or bytes) in a fresh folder of the project; the JSON document and exit code. */
export async function validateFile(content: string | Buffer): Promise<Found> {
  const dir = join(project.root, `campaigns${runs++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "x.yaml"), content);
  const run = await runPush(["validate", "--format", "json", "--now", "2026-06-01T00:00:00Z", dir], { cwd: project.root });
  expect(run.stderr).toBe("");
  const doc = JSON.parse(run.stdout) as { diagnostics: Found["diagnostics"] };
  return { code: run.code, diagnostics: doc.diagnostics, length: run.stdout.length };
}

async function refused(content: string | Buffer, code: string, line?: number): Promise<Found> {
  const found = await validateFile(content);
  expect(found.code).toBe(1);
  expect(found.diagnostics.map((d) => d.code)).toContain(code);
  for (const d of found.diagnostics) expect(d.file !== null && d.line !== null, JSON.stringify(d)).toBe(true);
  if (line !== undefined) expect(found.diagnostics.find((d) => d.code === code)!.line).toBe(line);
  return found;
}

describe("hostile campaign files", () => {
  it("nesting about 1,000 levels deep, in flow and block style", async () => {
    await refused(`${valid()}extra: ${"[".repeat(1000)}${"]".repeat(1000)}\n`, "yaml-depth", 5);
    await refused(`${valid()}extra:\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i + 1)}a:`).join("\n")} 1\n`, "yaml-depth");
    // Past the bound but within what the parsers survive: the same diagnostic, from the fast path too.
    await refused(`${valid()}extra: ${"[".repeat(70)}${"]".repeat(70)}\n`, "yaml-depth", 5);
  });

  it("an alias inside the node it repeats", async () => {
    await refused("id: c1\napp: shop\nx: &a [*a]\n", "yaml-alias-cycle", 3);
    await refused(`id: c1\napp: shop\ntarget: {devices: [${DEVICE}]}\nnotification: &n {title: T, body: B, ios: *n}\n`, "yaml-alias-cycle", 4);
  });

  it("a target or platform missing, or its key garbled by a byte, a control character or invalid UTF-8", async () => {
    const garbled: Array<string | Buffer> = [
      valid().replace("target:", "targe:"),
      valid().replace("target:", "targett:"),
      valid().replace("target:", "tar\u0001get:"),
      Buffer.concat([Buffer.from(valid().split("target:")[0]!), Buffer.from("tar"), Buffer.from([0xff]), Buffer.from(`get:${valid().split("target:")[1]!}`)]),
      valid().replace("notification:", "notificaton:"),
      valid("", "wallet").replace("target:", "targe:"),
    ];
    for (const text of garbled) {
      const found = await refused(text, "schema-unknown-key");
      expect(found.diagnostics.some((d) => d.message.includes("did you mean") || d.code === "schema-unknown-key")).toBe(true);
    }
    await refused(valid().replace("target: {devices:", "target: {platform: ios, devices:").replace("platform: ios", "platfrm: ios"), "schema-unknown-key", 3);
  });

  it("Object.prototype names as an app or any other key", async () => {
    for (const name of ["__proto__", "toString", "constructor", "hasOwnProperty", "valueOf"]) {
      await refused(valid().replace("app: shop", `app: ${name}`), "unknown-app", 2);
      await refused(valid(`${name}: 1\n`), "schema-unknown-key", 5);
      await refused(valid().replace("title: T,", `title: T, ${name}: x,`), "schema-unknown-key", 4);
    }
  });

  it("an alias bomb that multiplies a device list", async () => {
    const list = Array.from({ length: 5000 }, (_, i) => `d${String(i).padStart(31, "0")}`).join(", ");
    await refused(`a: &a [${list}]\nid: c1\napp: shop\ntarget: {devices: [${Array(99).fill("*a").join(", ")}]}\nnotification: {title: T, body: B}\n`, "yaml-alias-expansion", 4);
    const long = "y".repeat(100_000);
    await refused(`s: &s ${long}\nid: c1\napp: shop\ntarget: {devices: [${Array(99).fill("*s").join(", ")}]}\nnotification: {title: T, body: B}\n`, "yaml-alias-expansion", 4);
  });

  it("a device list that repeats one id 20,000 times: ten repeats and a count, not 19,999 diagnostics", async () => {
    const found = await refused(`id: c1\napp: shop\ntarget: {devices: [${Array(20_000).fill(DEVICE).join(", ")}]}\nnotification: {title: T, body: B}\n`, "target-id-repeated", 3);
    expect(found.diagnostics.filter((d) => d.code === "target-id-repeated")).toHaveLength(11);
  });

  it("a 50 MB body: refused before parsing, and never echoed", async () => {
    const found = await refused(valid().replace("body: B", `body: ${"x".repeat(50_000_000)}`), "file-too-large", 1);
    expect(found.length).toBeLessThan(2_000);
  });
});
