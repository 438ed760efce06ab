import { describe, expect, it } from "vitest";
import { maskSecrets, maskUrl } from "../../src/diagnostics/secrets.js";
import { codeFrame } from "../../src/render/code-frame.js";

// Every form a database password or an access key secret takes in a config, and what must remain of it.
const FORMS: Array<[string, string, string]> = [
  ["URL with user", `url: "postgres://bob:hunter2secret@db.example:5432/push"`, `postgres://bob:***@db.example:5432/push`],
  ["URL without user", `url: "postgresql://:hunter2secret@db.example/push"`, `postgresql://:***@db.example/push`],
  ["URL with an @ in the password", `url: "postgres://bob:hunter2secret@x@db.example/push"`, `postgres://bob:***@db.example/push`],
  ["?password=", `url: "postgres://db.example/push?password=hunter2secret&sslmode=require"`, `?password=***&sslmode=require`],
  ["&password=", `url: "postgres://bob@db.example/push?sslmode=require&password=hunter2secret"`, `&password=***`],
  ["libpq key=value", `url: "host=db.example port=5432 password=hunter2secret dbname=push"`, `password=*** dbname=push`],
  ["libpq quoted", `url: "host=db.example password='hunter2 secret' dbname=push"`, `password='***' dbname=push`],
  ["accessKeySecret", `accessKeySecret: "hunter2secret",`, `accessKeySecret: "***"`],
  ["environment variable", `ALIBABA_CLOUD_ACCESS_KEY_SECRET=hunter2secret`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET=***`],
  ["JSON key", `"accessKeySecret": "hunter2secret"`, `"accessKeySecret": "***"`],
];

describe("secret masking", () => {
  it.each(FORMS)("masks a password given as %s", (_form, text, kept) => {
    const masked = maskSecrets(text);
    expect(masked).not.toContain("hunter2");
    expect(masked).not.toContain("secret@");
    expect(masked).toContain(kept);
  });

  it("leaves text without secrets as it is", () => {
    const text = `state: { backend: "postgres", url: process.env.PUSH_STATE_URL, schema: "push" }`;
    expect(maskSecrets(text)).toBe(text);
    expect(maskUrl("postgres://bob@db.example/push")).toBe("postgres://bob@db.example/push");
  });

  it("maskUrl covers the URL forms the postgres backend names in its messages", () => {
    expect(maskUrl("postgres://:pw1@h/db")).toBe("postgres://:***@h/db");
    expect(maskUrl("postgres://h/db?password=pw1")).toBe("postgres://h/db?password=***");
  });

  it("draws a code frame without the secret, its carets still under the key they mark", () => {
    const text = `export default {\n  state: { backend: "postgres", url: "postgres://bob:hunter2secret@db/push", shema: "x" },\n};\n`;
    const column = text.split("\n")[1]!.indexOf("shema") + 1;
    const frame = codeFrame(text, { line: 2, column, endLine: 2, endColumn: column + 5 });
    expect(frame).not.toContain("hunter2");
    const [line, carets] = frame.split("\n").filter((l) => l.startsWith(">") || l.includes("^"));
    expect(line!.indexOf("shema")).toBe(carets!.indexOf("^"));
    expect(carets).toMatch(/\| +\^{5}$/);
  });
});

describe("what is not a secret", () => {
  it("leaves prose and lists alone: a body that mentions a password, a list of activity tokens", () => {
    for (const text of [`body: "Reset your password: tap here"`, `  activityTokens: [t1, t2]`, `title: Your token: 42 points`])
      expect(maskSecrets(text)).toBe(text);
  });
});
