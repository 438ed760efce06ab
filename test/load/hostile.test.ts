/**
 * Hostile input through the same in-process `push validate` the CLI runs: every class of issue 9 part 2 is a
 * positioned diagnostic and exit 1, never an internal error (a throw out of runCli) or an accepted campaign.
 */
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE_RC, runPush, tempProject } from "../support/cli.js";

const project = tempProject({ ".pushrc.json": EXAMPLE_RC, "package.json": "{}" });
afterAll(() => project.cleanup());

const DEVICE = "abcdefabcdefabcdefabcdefabcdefab";
const valid = (extra = "", app = "shop") =>
  `id: c1\napp: ${app}\ntarget: {${app === "shop" ? "devices" : "users"}: [${app === "shop" ? DEVICE : "u1"}]}\nnotification: {title: T, body: B}\n${extra}`;

interface Found {
  code: number;
  diagnostics: Array<{ severity: string; code: string; message: string; file: string | null; line: number | null }>;
  length: number;
}

let runs = 0;
/** Validates one campaign file (text or bytes) in a fresh folder of the project; the JSON document and exit code. */
async function validateFile(content: string | Buffer): Promise<Found> {
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
      await refused(valid().replace(`devices: [${DEVICE}]`, `devicesFile: ${name}`), "audience-file-missing", 3);
      await refused(valid("", "wallet").replace("users: [u1]", `usersFile: ${name}`), "audience-file-missing", 3);
    }
  });

  it("an alias bomb that multiplies a device list", async () => {
    const list = Array.from({ length: 5000 }, (_, i) => `d${String(i).padStart(31, "0")}`).join(", ");
    await refused(
      `a: &a [${list}]\nid: c1\napp: shop\ntarget: {devices: [${Array(99).fill("*a").join(", ")}]}\nnotification: {title: T, body: B}\n`,
      "yaml-alias-expansion",
      4,
    );
    const long = "y".repeat(100_000);
    await refused(
      `s: &s ${long}\nid: c1\napp: shop\ntarget: {devices: [${Array(99).fill("*s").join(", ")}]}\nnotification: {title: T, body: B}\n`,
      "yaml-alias-expansion",
      4,
    );
  });

  it("a device list that repeats one id 20,000 times: ten repeats and a count, not 19,999 diagnostics", async () => {
    const found = await refused(
      `id: c1\napp: shop\ntarget: {devices: [${Array(20_000).fill(DEVICE).join(", ")}]}\nnotification: {title: T, body: B}\n`,
      "target-id-repeated",
      3,
    );
    expect(found.diagnostics.filter((d) => d.code === "target-id-repeated")).toHaveLength(11);
  });

  it("a 50 MB body: refused before parsing, and never echoed", async () => {
    const found = await refused(valid().replace("body: B", `body: ${"x".repeat(50_000_000)}`), "file-too-large", 1);
    expect(found.length).toBeLessThan(2_000);
  });
});

const PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__"];
const KEYS = [
  "id",
  "app",
  "target",
  "devices",
  "users",
  "devicesFile",
  "usersFile",
  "platform",
  "notification",
  "title",
  "body",
  "ios",
  "android",
  "mpaas",
  "schedule",
  "at",
  "every",
  "time",
  "timezone",
  "ttl",
  "extParameters",
  "extendedParams",
];

/** One hostile edit of a valid campaign's text. */
const edit = fc.oneof(
  // a byte inserted, deleted or replaced anywhere (a control character, a YAML indicator, an invalid UTF-8 byte)
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(0x00, 0x01, 0x09, 0x0a, 0x1b, 0x7f, 0x22, 0x26, 0x2a, 0x3a, 0x5b, 0x7b, 0x7d, 0x2d, 0x23, 0xc3, 0xff),
      fc.constantFrom("insert", "delete", "replace"),
    )
    .map(([at, byte, how]) => (bytes: Buffer) => {
      const i = at % (bytes.length + 1);
      if (how === "delete") return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(how === "replace" ? i + 1 : i)]);
    }),
  // a key renamed to a prototype name or another known key
  fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...PROTOTYPE_NAMES, ...KEYS)).map(
    ([from, to]) =>
      (bytes: Buffer) =>
        Buffer.from(bytes.toString("latin1").replace(`${from}:`, `${to}:`), "latin1"),
  ),
  // a value replaced by a prototype name, a deep value, a huge value or an alias
  fc
    .tuple(
      fc.constantFrom("app", "title", "body", "devices", "users", "timezone", "platform", "at", "time", "every", "ttl", "extra"),
      fc.oneof(
        fc.constantFrom(...PROTOTYPE_NAMES),
        fc.integer({ min: 1, max: 1500 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
        fc.integer({ min: 1, max: 300 }).map((n) => `${"{a: ".repeat(n)}1${"}".repeat(n)}`),
        fc.integer({ min: 1_000, max: 300_000 }).map((n) => "w".repeat(n)),
        fc.constantFrom("&a [*a]", "&a {x: *a}", "*nowhere", "&a x", "[&a x, *a, *a]", "'unterminated", "{a: 1", "- - -", "!!binary x", ": :"),
      ),
    )
    .map(([key, value]) => (bytes: Buffer) => {
      const text = bytes.toString("latin1");
      const at = text.indexOf(`${key}:`);
      if (at < 0) return Buffer.from(`${text}${key}: ${value}\n`, "latin1");
      const end = text.indexOf("\n", at);
      return Buffer.from(`${text.slice(0, at)}${key}: ${value}${end < 0 ? "" : text.slice(end)}`, "latin1");
    }),
);

const excerptOf = (content: Buffer) => (content.length > 600 ? `${content.toString("latin1", 0, 600)}… (${content.length} bytes)` : content.toString("latin1"));

const BASES = [
  `id: c1\napp: shop\ntarget:\n  devices: [${DEVICE}]\n  platform: ios\nnotification:\n  title: Hello\n  body: World\n  ios: {badge: 1}\nschedule: {at: "2026-12-05T10:00:00", timezone: Asia/Shanghai}\nttl: 3600\n`,
  `id: w1\napp: wallet\ntarget: {users: [u1, u2]}\nnotification:\n  title: Hi\n  body: There\n  mpaas: {extendedParams: {k: v}}\nschedule: {every: day, time: "09:00:00", from: 2026-06-02, until: 2026-07-01, timezone: Asia/Shanghai}\n---\nid: w2\napp: wallet\ntarget: {users: [u3]}\nnotification: {title: A, body: B}\n`,
];

describe("hostile input, generated", () => {
  it("never an internal error; every diagnostic has a file and a line; exit 1 exactly when there are errors", async () => {
    const times: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BASES), fc.array(edit, { minLength: 1, maxLength: 3 }), async (base, edits) => {
        const content = edits.reduce((bytes, apply) => apply(bytes), Buffer.from(base, "latin1"));
        const started = performance.now();
        const found = await validateFile(content).catch((cause: Error) => {
          throw new Error(`internal error on ${JSON.stringify(excerptOf(content))}: ${cause.stack}`);
        });
        times.push(performance.now() - started);
        for (const d of found.diagnostics) expect(d.file !== null && d.line !== null, JSON.stringify(d)).toBe(true);
        expect(found.code).toBe(found.diagnostics.some((d) => d.severity === "error") ? 1 : 0);
      }),
      { numRuns: Number(process.env.HOSTILE_RUNS ?? 120) },
    );
    // Measured, not asserted (no timed assertions): the slowest run, for the report.
    console.log(
      `hostile property: ${times.length} runs, slowest ${Math.round(Math.max(...times))} ms, median ${Math.round(times.sort((a, b) => a - b)[times.length >> 1]!)} ms`,
    );
  }, 60_000);
});

describe("an mPaaS notification larger than its channels carry", () => {
  it("a 1 MB body is refused by mpaas-payload-size, at the body", async () => {
    await refused(valid("", "wallet").replace("body: B", `body: ${"x".repeat(1_000_000)}`), "mpaas-payload-size", 4);
    // Chinese text counts 3 bytes a character: 700 characters are 2,100 bytes, over the 2,048 of the channels.
    const found = await refused(valid("", "wallet").replace("body: B", `body: ${"推".repeat(700)}`), "mpaas-payload-size", 4);
    expect(found.diagnostics.find((d) => d.code === "mpaas-payload-size")!.message).toContain("2,1");
    expect((await validateFile(valid("", "wallet").replace("body: B", `body: ${"推".repeat(600)}`))).code).toBe(0);
  });
});
