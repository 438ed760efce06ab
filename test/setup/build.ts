/**
 * Global setup: the end-to-end suites spawn bin/push.js, which runs dist/. Build it before any suite runs, so a
 * test never exercises a dist/ older than src/: tsc incrementally (about a second when nothing changed), then the
 * build id, and compiled files whose source is gone (a moved or deleted module) are removed, so they can neither
 * be imported by mistake nor shipped by `npm pack`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export function removeOrphans(dist: string, src: string): string[] {
  if (!existsSync(dist)) return [];
  const orphans = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => {
    const base = file.replace(/\.d\.ts$|\.js$/, "");
    return base !== file && !existsSync(join(src, `${base}.ts`));
  });
  for (const file of orphans) rmSync(join(dist, file));
  return orphans;
}

export default function setup(): void {
  removeOrphans(join(ROOT, "dist"), join(ROOT, "src"));
  execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" });
  execFileSync(process.execPath, [join(ROOT, "scripts/build-id.mjs")], { cwd: ROOT, stdio: "inherit" });
}
