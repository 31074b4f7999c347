/**
 * The document stream shared by every way of running the pipeline (`cppcc run` into DuckDB, a shard or
 * a queue job into Parquet parts): files are read one at a time, their items go through the processor
 * in batches, and each processed batch goes to one writer while the workers go on with the next.
 */
import { listInputFiles, readInputFile, type RawItem, type SkippedInput } from '../ingest/read.js';
import type { Document } from '../model/document.js';
import { CppccError } from '../model/errors.js';
import { processorFor, type Processor } from './processor.js';
import { type Pipeline, readOptionsOf } from '../pipeline/run.js';

/** Documents per batch: large enough to amortise a commit or a part file, small enough that a crash loses little. */
export const BATCH_SIZE = 50;

/** What the documents of a stream came to: counts for the summary and the corpus report. */
export interface Tally {
  documents: number;
  failed: number;
  flagged: number;
  failures: { file: string; reason: string }[];
  /** Warning rules and the number of documents they flagged. */
  flagCounts: Map<string, number>;
}

export interface StreamOptions {
  /** Files or folders, as given on the command line. */
  inputs: string[];
  pipeline: Pipeline;
  workers: number;
  /** A processor kept across calls (a queue worker's pool); made and closed here when absent. */
  processor?: Processor;
  /** True for an item not to process (already stored, another shard's). */
  skip?(item: RawItem): boolean;
  /** The single writer: called once per batch, in order, never two at a time. */
  write(docs: Document[], batch: number): Promise<void>;
  signal?: AbortSignal;
  onProgress?(doneFiles: number, totalFiles: number, documents: number): void;
  onDocumentError?(doc: Document): void;
}

export function newTally(): Tally {
  return { documents: 0, failed: 0, flagged: 0, failures: [], flagCounts: new Map() };
}

export function countDocument(t: Tally, doc: Document): void {
  t.documents++;
  if (doc.failed) {
    t.failed++;
    t.failures.push({ file: doc.source.file, reason: doc.failed });
  }
  const warnings = new Set(doc.flags.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
  if (warnings.size) t.flagged++;
  for (const rule of warnings) t.flagCounts.set(rule, (t.flagCounts.get(rule) ?? 0) + 1);
}

/** Runs every item of the inputs through the pipeline into `write`; stops after the batch in hand when aborted. */
export async function streamBatches(opts: StreamOptions): Promise<{ files: number; interrupted: boolean; tally: Tally; missing: string[]; skipped: SkippedInput[] }> {
  const { files, missing, skipped } = listInputFiles(opts.inputs);
  if (!files.length && missing.length) throw new CppccError('E001', { input: missing.join(', '), cause: 'no such file or folder' });
  const tally = newTally();
  const processor = opts.processor ?? processorFor(opts.pipeline, opts.workers);
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  let batches = 0;
  const runBatch = async (items: RawItem[]) => {
    if (!items.length) return;
    const docs = await processor.process(items);
    for (const doc of docs) {
      countDocument(tally, doc);
      if (doc.failed) opts.onDocumentError?.(doc);
    }
    // One writer: the previous batch's write ends before this one starts.
    await writing;
    if (writeError) throw writeError;
    const batch = batches++;
    writing = opts.write(docs, batch).catch((e: unknown) => { writeError = e; });
  };
  let interrupted = false;
  try {
    const read = readOptionsOf(opts.pipeline);
    let pending: RawItem[] = [];
    let done = 0;
    for (const path of files) {
      if (opts.signal?.aborted) { interrupted = true; break; }
      for (const item of readInputFile(path, read)) {
        if (opts.skip?.(item)) continue;
        pending.push(item);
        if (pending.length >= BATCH_SIZE) {
          await runBatch(pending);
          pending = [];
        }
      }
      opts.onProgress?.(++done, files.length, tally.documents);
    }
    await runBatch(pending);
    await writing;
    if (writeError) throw writeError;
  } finally {
    if (!opts.processor) await processor.close();
  }
  return { files: files.length, interrupted, tally, missing, skipped };
}
