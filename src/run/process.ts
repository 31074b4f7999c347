import type { RawItem } from '../ingest/read.js';
import { type Document, makeDocument } from '../model/document.js';

/** The document id of an item: its content hash, so the same content is one document across runs. */
export function documentId(item: RawItem): string {
  return item.source.sha256.slice(0, 16);
}

/** A document for a raw item; an unreadable item becomes a failed document that still gets stored. */
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
