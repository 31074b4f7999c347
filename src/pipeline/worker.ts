/**
 * A worker thread of the processing pool: loads the pipeline (dictionaries, lexicons) once, then runs
 * documents. Labels discovered in the run arrive with each task as one string and a version, so a worker
 * rebuilds its set only when the run's set has grown.
 */
import type { RawItem } from '../ingest/read.js';
import { documentFromItem } from './process.js';
import { loadPipeline, runDocument, type Pipeline } from './run.js';
import { packDocument, type PackedDocument } from './transfer.js';

export interface WorkerTask {
  pipelineFile: string;
  items: RawItem[];
  /** The run's discovered labels, newline-separated, and how many there are (the version). */
  labels: string;
  labelsVersion: number;
}

let pipeline: Pipeline | null = null;
let version = -1;

export default function processTask(task: WorkerTask): PackedDocument[] {
  pipeline ??= loadPipeline(task.pipelineFile);
  if (task.labelsVersion !== version) {
    pipeline.ctx.discovered = new Set(task.labels ? task.labels.split('\n') : []);
    version = task.labelsVersion;
  }
  pipeline.ctx.learn = false;
  return task.items.map((item) => {
    const doc = runDocument(documentFromItem(item), pipeline!);
    // The raw page is not stored (the file is); not copying it back saves the largest string of the clone.
    doc.raw = '';
    return packDocument(doc);
  });
}
