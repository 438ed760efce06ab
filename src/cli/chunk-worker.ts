/** The second thread of parallel.ts: takes chunks until none is left, and sends each result back. */
import { parentPort, workerData } from "node:worker_threads";
import { chunkCount, compileChunk, RunReader } from "./chunks.js";
import type { WorkerData, WorkerMessage } from "./parallel.js";

const { job, next } = workerData as WorkerData;
const reader = new RunReader(job.cwd, job.stampAt);
const count = chunkCount(job.files.length, job.chunkSize);
const send = (message: WorkerMessage) => parentPort!.postMessage(message);
for (let index = Atomics.add(next, 0, 1); index < count; index = Atomics.add(next, 0, 1)) send({ chunk: compileChunk(job, index, reader) });
send({ done: true });
