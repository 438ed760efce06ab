/**
 * Compile and validate of a large project on two threads: this one and a worker take chunks from a shared
 * counter, so neither waits for the other, and the results go back in file order. What crosses between threads
 * is small (ids, campaign facts, diagnostics, stamps) or one string (the rendered tasks): task objects would
 * cost more to copy than to compile. Plan keeps its tasks as objects and runs on one thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { chunkCount, compileChunk, RunReader, type ChunkJob, type ChunkResult } from "./chunks.js";

/** Below this many files a worker's start (a cold isolate loading the pipeline) costs more than it saves. */
export const PARALLEL_MIN_FILES = 1000;

/** The built worker; run from TypeScript sources (the in-process tests) there is none, and one thread works. */
const WORKER = new URL("./chunk-worker.js", import.meta.url);

export interface WorkerData {
  job: ChunkJob;
  /** The next chunk index to take, shared by both threads. */
  next: Int32Array;
}

export type WorkerMessage = { chunk: ChunkResult } | { done: true };

export async function compileChunks(job: ChunkJob): Promise<ChunkResult[]> {
  const count = chunkCount(job.files.length, job.chunkSize);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results: ChunkResult[] = [];
  const helper = job.files.length >= PARALLEL_MIN_FILES && existsSync(fileURLToPath(WORKER)) ? startWorker({ job, next }, results) : null;
  const reader = new RunReader(job.cwd, job.stampAt);
  for (let index = Atomics.add(next, 0, 1); index < count; index = Atomics.add(next, 0, 1)) results[index] = compileChunk(job, index, reader);
  await helper;
  return results;
}

function startWorker(data: WorkerData, results: ChunkResult[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: data });
    let done = false;
    worker.on("message", (message: WorkerMessage) => {
      if ("chunk" in message) results[message.chunk.index] = message.chunk;
      else done = true;
    });
    worker.once("error", reject);
    worker.once("exit", (code) => (done ? resolve() : reject(new Error(`the compile worker stopped (exit code ${code}) before its last chunk`))));
  });
}
