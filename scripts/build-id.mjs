// After tsc: records the content hash of dist/ in dist/build-id.txt, the key by which the compile cache tells one
// build of push from another (src/cli/output-cache.ts, toolBuildId).
import { writeFileSync } from "node:fs";
import { BUILD_ID_FILE, hashToolCode } from "../dist/cli/output-cache.js";

const dist = new URL("../dist/", import.meta.url);
writeFileSync(new URL(BUILD_ID_FILE, dist), `${hashToolCode(dist.pathname)}\n`);
