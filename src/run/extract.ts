import type { SkippedInput } from '../ingest/read.js';
import type { Document } from '../model/document.js';
import type { Pipeline } from '../pipeline/run.js';
import { streamBatches } from './batches.js';
import { settleLabels, type LabelRounds } from './labels.js';
import { processorFor } from './processor.js';

export interface ExtractOptions {
  /** Processing threads (default 1: the calling thread). */
  workers?: number;
  /** Each document, in input order, once the corpus's labels are settled. */
  onDocument(doc: Document): void | Promise<void>;
}

export interface ExtractResult { files: number; documents: number; missing: string[]; skipped: SkippedInput[]; labels: LabelRounds }

/**
 * Every document of the inputs through the pipeline, without a database (`cppcc extract`, `cppcc eval`,
 * the tests): the same loop and the same label rounds as `cppcc run`, so what is printed here is what a
 * run stores. Documents are delivered once all are processed, because a label defined by a later document
 * can change an earlier one.
 */
export async function extractDocuments(paths: string[], pipeline: Pipeline, opts: ExtractOptions): Promise<ExtractResult> {
  const processor = processorFor(pipeline, opts.workers ?? 1);
  try {
    const docs: Document[] = [];
    const r = await streamBatches({ inputs: paths, pipeline, workers: processor.workers, processor, write: async (batch) => { docs.push(...batch); } });
    const settled = await settleLabels(docs, pipeline, processor);
    for (const d of settled.docs) await opts.onDocument(d);
    return { files: r.files, documents: settled.docs.length, missing: r.missing, skipped: r.skipped, labels: settled.rounds };
  } finally {
    await processor.close();
  }
}
