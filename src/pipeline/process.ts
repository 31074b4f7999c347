import { listInputFiles, readInputFile, type RawItem, type SkippedInput } from '../ingest/read.js';
import { type Document, makeDocument } from '../model/document.js';
import { CppccError } from '../model/errors.js';
import { type Pipeline, readOptionsOf, runDocument } from './run.js';

/** A document for a raw item; an unreadable item becomes a failed document that still gets stored. */
/** The document id of an item: its content hash, so the same content is one document across runs. */
export function documentId(item: RawItem): string {
  return item.source.sha256.slice(0, 16);
}


export function documentFromItem(item: RawItem): Document {
  const doc = makeDocument(documentId(item), item.source, item.raw, item.meta);
  if (item.error) {
    doc.failed = item.error.message;
    // An error that crossed to a worker thread is a plain clone (message only): its code is read back from it.
    const code = item.error.code ?? /^\[(E\d+)\]/u.exec(item.error.message)?.[1] ?? 'unreadable';
    doc.flags.push({ ruleId: `ingest.${code}`, by: 'ingest.read@1', severity: 'fatal', reason: item.error.message });
  }
  for (const w of item.warnings ?? []) doc.flags.push({ ruleId: 'encoding.mismatch', by: 'ingest.read@1', severity: 'warning', reason: w });
  if (item.invalid) {
    doc.flags.push({ ruleId: 'encoding.invalid', by: 'ingest.read@1', severity: 'warning', reason: `${item.invalid.count} ${item.invalid.what} could not be read and are U+FFFD (the first at offset ${item.invalid.first} of the raw item)`, data: { ...item.invalid } });
  }
  return doc;
}

export interface ProcessEvents {
  onTotal?(files: number): void;
  /** Return false to skip an item already stored (by its content hash); it is then not processed. */
  shouldProcess?(docId: string): boolean;
  /** Checked between documents: true stops the walk (SIGINT). */
  stopped?(): boolean;
  onDocument(doc: Document): void | Promise<void>;
  onFileDone?(path: string): void;
}

/** Read every input file under `paths` and run each document through the pipeline, one at a time (streaming). */
export async function processPaths(paths: string[], pipeline: Pipeline, events: ProcessEvents): Promise<{ files: number; missing: string[]; skipped: SkippedInput[]; interrupted: boolean }> {
  const { files, missing, skipped } = listInputFiles(paths);
  if (!files.length && missing.length) throw new CppccError('E001', { input: missing.join(', '), cause: 'no such file or folder' });
  events.onTotal?.(files.length);
  const read = readOptionsOf(pipeline);
  for (const path of files) {
    if (events.stopped?.()) return { files: files.length, missing, skipped, interrupted: true };
    for (const item of readInputFile(path, read)) {
      const doc = documentFromItem(item);
      if (events.shouldProcess && !events.shouldProcess(doc.id)) continue;
      await events.onDocument(runDocument(doc, pipeline));
    }
    events.onFileDone?.(path);
  }
  return { files: files.length, missing, skipped, interrupted: false };
}
