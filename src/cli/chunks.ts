/**
 * The per-chunk step of compile and validate: read a chunk of campaign files (stamping them for the output
 * cache), run the per-file pipeline, and keep the tasks only as their rendering, so that memory holds one
 * chunk's documents and tasks at a time.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { renderTaskEntries } from "../compile/output.js";
import { displayPath } from "../diagnostics/paths.js";
import { readOptional } from "./files.js";
import { stampFile, type FileStamp } from "./output-cache.js";
import { processFiles, type CampaignFile, type FilesResult, type ProjectConfig } from "./pipeline.js";

export interface ChunkJob {
  /** Campaign files (absolute), in order. */
  files: string[];
  cwd: string;
  chunkSize: number;
  config: ProjectConfig;
  now: number;
  /** Wall-clock ms when the run began: set, every file read is stamped for the output cache. */
  stampAt: number | null;
  /** Render the tasks (compile), or drop them (validate). */
  render: boolean;
}

export interface ChunkResult {
  index: number;
  part: Omit<FilesResult, "tasks">;
  /** The chunk's tasks as `renderTaskEntries` writes them ("" when not rendered). */
  entries: string;
  stamps: Array<FileStamp | null>;
}

export const chunkCount = (files: number, chunkSize: number): number => Math.ceil(files / chunkSize);

/** The files a run reads: campaign files by chunk, audience files once each, stamped when `stampAt` is set. */
export class RunReader {
  private readonly audiences = new Map<string, string | undefined>();
  private stamps: Array<FileStamp | null> = [];

  constructor(
    private readonly cwd: string,
    private readonly stampAt: number | null,
  ) {}

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

export function compileChunk(job: ChunkJob, index: number, reader: RunReader): ChunkResult {
  const files = reader.campaignFiles(job.files.slice(index * job.chunkSize, (index + 1) * job.chunkSize));
  const { tasks, ...part } = processFiles(files, job.config, job.now, reader.audience);
  return { index, part, entries: job.render ? renderTaskEntries(tasks) : "", stamps: reader.takeStamps() };
}
