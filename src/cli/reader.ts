/** Reading a run's files: the file-system edge of the pipeline, and where the output cache's stamps come from. */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { displayPath } from "../diagnostics/paths.js";
import type { AudienceRead } from "../load/audience.js";
import { readAudienceFile } from "./audience-files.js";
import { stampFile, type FileStamp } from "./output-cache.js";
import type { CampaignFile } from "../pipeline/pipeline.js";

/** The files a run reads: campaign files by chunk, audience files once each, stamped when `stampAt` is set. */
export class RunReader {
  private readonly audiences = new Map<string, AudienceRead>();
  private stamps: Array<FileStamp | null> = [];

  constructor(
    private readonly cwd: string,
    private readonly stampAt: number | null,
    /** The project root: audience files must stay inside it. */
    private readonly root: string = cwd,
  ) {}

  /** Campaign files `size` at a time, each chunk read when the pipeline asks for it. */
  *chunks(paths: string[], size: number): Generator<CampaignFile[]> {
    for (let i = 0; i < paths.length; i += size) yield this.campaignFiles(paths.slice(i, i + size));
  }

  campaignFiles(paths: string[]): CampaignFile[] {
    return paths.map((path) => ({ display: displayPath(path, this.cwd), text: this.stampAt === null ? readFileSync(path, "utf8") : this.readStamped(path) }));
  }

  /** Reads a file and stamps it from its descriptor: no second lookup of its path. */
  private readStamped(path: string): string {
    const fd = openSync(path, "r");
    try {
      const text = readFileSync(fd, "utf8");
      this.stamps.push(stampFile(path, text, this.stampAt!, fstatSync(fd)));
      return text;
    } finally {
      closeSync(fd);
    }
  }

  /** An audience file, streamed (never held whole) and read once per run however many campaigns name it. */
  readonly audience = (display: string): AudienceRead => {
    let read = this.audiences.get(display);
    if (!read) {
      const sha = this.stampAt === null ? null : createHash("sha256");
      read = readAudienceFile(display, this.cwd, this.root, sha ? (bytes) => sha.update(bytes) : undefined);
      if (sha && read.ok) this.stamps.push(stampFile(resolve(this.cwd, display), { sha256: sha.digest("hex") }, this.stampAt!));
      this.audiences.set(display, read);
    }
    return read;
  };

  /** The stamps taken since the last call. */
  takeStamps(): Array<FileStamp | null> {
    const taken = this.stamps;
    this.stamps = [];
    return taken;
  }
}
