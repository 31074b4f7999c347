import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import { Piscina } from 'piscina';
import type { RawItem } from '../ingest/read.js';
import type { Document } from '../model/document.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { packageRoot } from '../util/paths.js';
import { documentFromItem } from './process.js';
import { budgetOf, runDocument, type Pipeline } from '../pipeline/run.js';
import { unpackDocument, type PackedDocument } from './transfer.js';
import type { WorkerTask } from './worker.js';

/** Runs a batch of items through the pipeline; each document depends on itself only. */
export interface Processor {
  readonly workers: number;
  /** The documents of these items, in order; with `runLabels` on the second pass (segment/labels.ts). */
  process(items: RawItem[], runLabels?: ReadonlySet<string>): Promise<Document[]>;
  close(): Promise<void>;
}

/** The document of an item that broke the budget: stored, failed, with the reason. */
function overBudget(item: RawItem, why: string): Document {
  const doc = documentFromItem(item);
  const err = new CppccError('E034', { input: item.source.file, cause: why });
  doc.failed = err.message;
  doc.flags.push({ ruleId: 'budget.exceeded', by: 'run.budget@1', severity: 'fatal', reason: err.message });
  return doc;
}

/** The processor for a number of workers: the calling thread for one, a pool of threads for more. */
export function processorFor(pipeline: Pipeline, workers: number): Processor {
  return workers > 1 ? workerPool(pipeline.file, workers, budgetOf(pipeline)) : inProcess(pipeline);
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** One worker: the documents run on the calling thread (no copies, no second dictionary load). */
export function inProcess(pipeline: Pipeline): Processor {
  return {
    workers: 1,
    async process(items, runLabels) {
      const ctx = { ...pipeline.ctx, runLabels };
      return items.map((item) => runDocument(documentFromItem(item), { ...pipeline, ctx }));
    },
    async close() {},
  };
}

/** Items per task: large enough that the thread hand-off is noise, small enough to spread a batch over the workers. */
const ITEMS_PER_TASK = 2;

/**
 * A pool of worker threads (piscina), each with its own jieba and lexicons; the caller keeps the single
 * DuckDB writer. Documents come back packed (tokens as typed arrays) and are unpacked here. Each task runs
 * under the document budget (pipelines/budget.json): a thread that passes its time is terminated, one that
 * passes its heap dies on its own, and the document that did it is stored as failed with E034 while the
 * pool replaces the thread and the run goes on.
 */
export function workerPool(pipelineFile: string, workers: number, budget: { documentMs: number; workerHeapMb: number }): Processor {
  // The compiled worker: under the test runner the sources are TypeScript, the pool needs JavaScript.
  const pool = new Piscina({
    filename: join(packageRoot(), 'dist', 'src', 'run', 'worker.js'), minThreads: workers, maxThreads: workers, idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: budget.workerHeapMb },
  });
  const runWithin = async (items: RawItem[], runLabels: string[] | undefined): Promise<Document[]> => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), budget.documentMs * items.length);
    try {
      const task: WorkerTask = { pipelineFile, items, runLabels };
      return ((await pool.run(task, { signal: abort.signal })) as PackedDocument[]).map(unpackDocument);
    } catch (e) {
      // A task of several documents failed: run each alone (one after the other, in this task's slot), so only
      // the one that broke the budget fails.
      if (items.length > 1) {
        const out: Document[] = [];
        for (const it of items) out.push(...(await runWithin([it], runLabels)));
        return out;
      }
      return [overBudget(items[0], abort.signal.aborted ? `it ran longer than ${budget.documentMs} ms` : (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needed more than ${budget.workerHeapMb} MB of heap` : `its processing thread died (${errorMessage(e)})`)];
    } finally {
      clearTimeout(timer);
    }
  };
  // No more tasks in flight than threads: a task's clock starts when a thread takes it, not while it queues.
  const limit = pLimit(workers);
  return {
    workers,
    async process(items, runLabels) {
      const labels = runLabels ? [...runLabels] : undefined;
      const tasks: Promise<Document[]>[] = [];
      for (let i = 0; i < items.length; i += ITEMS_PER_TASK) {
        const slice = items.slice(i, i + ITEMS_PER_TASK);
        tasks.push(limit(() => runWithin(slice, labels)));
      }
      return (await Promise.all(tasks)).flat();
    },
    async close() {
      await pool.destroy();
    },
  };
}
