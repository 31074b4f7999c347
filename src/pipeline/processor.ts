import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { RawItem } from '../ingest/read.js';
import type { Document } from '../model/document.js';
import { packageRoot } from '../util/paths.js';
import { documentFromItem } from './process.js';
import { runDocument, type Pipeline } from './run.js';
import { unpackDocument, type PackedDocument } from './transfer.js';
import type { WorkerTask } from './worker.js';

/** Runs a batch of items through the pipeline; each document depends on itself only. */
export interface Processor {
  readonly workers: number;
  process(items: RawItem[]): Promise<Document[]>;
  close(): Promise<void>;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** One worker: the documents run on the calling thread (no copies, no second dictionary load). */
export function inProcess(pipeline: Pipeline): Processor {
  pipeline.ctx.discovered = undefined;
  return {
    workers: 1,
    async process(items) {
      return items.map((item) => runDocument(documentFromItem(item), pipeline));
    },
    async close() {},
  };
}

/** Items per task: large enough that the thread hand-off is noise, small enough to spread a batch over the workers. */
const ITEMS_PER_TASK = 2;

/**
 * A pool of worker threads (piscina), each with its own jieba and lexicons; the caller keeps the single
 * DuckDB writer. Documents come back packed (tokens as typed arrays) and are unpacked here.
 */
export function workerPool(pipelineFile: string, workers: number): Processor {
  // The compiled worker: under the test runner the sources are TypeScript, the pool needs JavaScript.
  const pool = new Piscina({ filename: join(packageRoot(), 'dist', 'src', 'pipeline', 'worker.js'), minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  return {
    workers,
    async process(items) {
      const tasks: Promise<PackedDocument[]>[] = [];
      for (let i = 0; i < items.length; i += ITEMS_PER_TASK) {
        const task: WorkerTask = { pipelineFile, items: items.slice(i, i + ITEMS_PER_TASK) };
        tasks.push(pool.run(task) as Promise<PackedDocument[]>);
      }
      return (await Promise.all(tasks)).flat().map(unpackDocument);
    },
    async close() {
      await pool.destroy();
    },
  };
}
