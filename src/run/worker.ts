/**
 * A worker thread of the processing pool: loads the pipeline (dictionaries, lexicons) once, then runs
 * documents. Each document depends on itself only (the run's labels are applied after, to the stored
 * tokens), so which worker runs which document never changes a row.
 */
import type { RawItem } from '../ingest/read.js';
import { documentFromItem } from './process.js';
import { loadPipeline, runDocument, type Pipeline } from '../pipeline/run.js';
import { packDocument, type PackedDocument } from './transfer.js';

export interface WorkerTask {
  pipelineFile: string;
  items: RawItem[];
  /** The corpus's run labels, on the second pass (segment/labels.ts). */
  runLabels?: string[];
}

let pipeline: Pipeline | null = null;
/** The labels of the last task, kept as one Set so their index is built once per set, not per task. */
let labels: { key: string; set: ReadonlySet<string> } | null = null;

export default function processTask(task: WorkerTask): PackedDocument[] {
  pipeline ??= loadPipeline(task.pipelineFile);
  let runLabels: ReadonlySet<string> | undefined;
  if (task.runLabels) {
    const key = task.runLabels.join('\n');
    if (labels?.key !== key) labels = { key, set: new Set(task.runLabels) };
    runLabels = labels.set;
  }
  const run = { ...pipeline, ctx: { ...pipeline.ctx, runLabels } };
  return task.items.map((item) => {
    const doc = runDocument(documentFromItem(item), run);
    // The raw page is not stored (the file is); not copying it back saves the largest string of the clone.
    doc.raw = '';
    return packDocument(doc);
  });
}
