/** Reading a run's files: the file-system edge of the pipeline, and where the output cache's stamps come from. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { displayPath } from "../diagnostics/paths.js";
import { readOptional } from "./files.js";
import { stampFile, type FileStamp } from "./output-cache.js";
import type { CampaignFile } from "./pipeline.js";

/** The files a run reads: campaign files by chunk, audience files once each, stamped when `stampAt` is set. */
export class RunReader {
  private readonly audiences = new Map<string, string | undefined>();
  private stamps: Array<FileStamp | null> = [];

  constructor(
    private readonly cwd: string,
    private readonly stampAt: number | null,
  ) {}

  /** Campaign files `size` at a time, each chunk read when the pipeline asks for it. */
  *chunks(paths: string[], size: number): Generator<CampaignFile[]> {
    for (let i = 0; i < paths.length; i += size) yield this.campaignFiles(paths.slice(i, i + size));
  }

  campaignFiles(paths: string[]): CampaignFile[] {
    return paths.map((path) => {
      const text = readFileSync(path, "utf8");
      this.stamp(path, text);
      return { display: displayPath(path, this.cwd), text };
    });
  }

  readonly audience = (display: string): string | undefined => {
    if (!this.audiences.has(display)) {
      const text = readOptional(display, this.cwd);
      if (text !== undefined) this.stamp(resolve(this.cwd, display), text);
      this.audiences.set(display, text);
    }
    return this.audiences.get(display);
  };

  /** The stamps taken since the last call. */
  takeStamps(): Array<FileStamp | null> {
    const taken = this.stamps;
    this.stamps = [];
    return taken;
  }

  private stamp(path: string, text: string): void {
    if (this.stampAt !== null) this.stamps.push(stampFile(path, text, this.stampAt));
  }
}
