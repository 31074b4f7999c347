/**
 * A worker thread of the processing pool: loads the pipeline (dictionaries, lexicons) once, then runs
 * documents. Each document depends on itself only (the run's labels are applied after, to the stored
 * tokens), so which worker runs which document never changes a row.
 */
import type { RawItem } from '../ingest/read.js';
import { documentFromItem } from './process.js';
import { loadPipeline, runDocument, type Pipeline } from './run.js';
import { packDocument, type PackedDocument } from './transfer.js';

export interface WorkerTask {
  pipelineFile: string;
  items: RawItem[];
}

let pipeline: Pipeline | null = null;

export default function processTask(task: WorkerTask): PackedDocument[] {
  if (!pipeline) {
    pipeline = loadPipeline(task.pipelineFile);
    pipeline.ctx.discovered = undefined;
  }
  return task.items.map((item) => {
    const doc = runDocument(documentFromItem(item), pipeline!);
    // The raw page is not stored (the file is); not copying it back saves the largest string of the clone.
    doc.raw = '';
    return packDocument(doc);
  });
}
