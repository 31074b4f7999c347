/**
 * `cppcc run --shard k/n --parts DIR`: the documents whose content hash falls in shard k of n, written as
 * Parquet parts. Every shard reads the same inputs and keeps its own documents, so n jobs of a batch
 * scheduler (a Slurm job array) cover a corpus without talking to one another; `cppcc merge` joins them.
 */
import { CppccError } from '../model/errors.js';
import { streamBatches, type Tally } from '../run/batches.js';
import { documentId } from '../run/process.js';
import { defaultWorkers } from '../run/processor.js';
import { loadPipeline } from '../pipeline/run.js';
import { newRunId, pipelineHash } from '../run/runCorpus.js';
import type { Document } from '../model/document.js';
import { batchPartName, removeParts, writePart } from './parts.js';

export interface Shard { k: number; n: number }

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  if (!m) throw new CppccError('E028', { input: spec, cause: 'not of the form k/n' });
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k < 1 || k > n) throw new CppccError('E028', { input: spec, cause: `k must be between 1 and n (${n})` });
  return { k, n };
}

/** Shard of a document: its content hash (hex) modulo n, so a document's shard never depends on the file it is in. */
export function inShard(docId: string, s: Shard): boolean {
  return parseInt(docId.slice(0, 8), 16) % s.n === s.k - 1;
}

export interface ShardOptions {
  inputs: string[];
  parts: string;
  shard: Shard;
  pipelineFile?: string;
  workers?: number;
  signal?: AbortSignal;
  onProgress?(doneFiles: number, totalFiles: number, documents: number): void;
  onDocumentError?(doc: Document): void;
}

export interface ShardSummary {
  shard: string;
  parts_dir: string;
  parts: number;
  files: number;
  documents: number;
  failed: number;
  interrupted: boolean;
}

export async function runShard(opts: ShardOptions): Promise<ShardSummary & { tally: Tally }> {
  const pipeline = loadPipeline(opts.pipelineFile);
  const hash = pipelineHash(pipeline.file);
  const runId = newRunId(new Date());
  const prefix = `shard-${opts.shard.k}of${opts.shard.n}-`;
  // A shard run again (a failed array task resubmitted) replaces its parts rather than adding to them.
  removeParts(opts.parts, prefix);
  let parts = 0;
  const r = await streamBatches({
    inputs: opts.inputs, pipeline, workers: opts.workers ?? defaultWorkers(), signal: opts.signal,
    onProgress: opts.onProgress, onDocumentError: opts.onDocumentError,
    skip: (item) => !inShard(documentId(item), opts.shard),
    write: async (docs) => {
      await writePart(opts.parts, batchPartName(prefix.slice(0, -1), docs), docs, runId, hash);
      parts++;
    },
  });
  return {
    shard: `${opts.shard.k}/${opts.shard.n}`, parts_dir: opts.parts, parts, files: r.files, documents: r.tally.documents,
    failed: r.tally.failed, interrupted: r.interrupted, tally: r.tally,
  };
}
