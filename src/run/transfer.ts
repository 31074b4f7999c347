import type { Document } from '../model/document.js';
import { OffsetMap } from '../model/offsetMap.js';
import { fromColumns, type TokenColumns, toColumns, Tokens } from '../model/tokens.js';

/**
 * A document as it crosses threads: tokens are already typed columns, which clone as a few memory
 * copies; they travel with the sender's label table, since label ids are numbered per process.
 */
export interface PackedDocument {
  doc: Document;
  tokens: TokenColumns;
}

export function packDocument(doc: Document): PackedDocument {
  return { doc: { ...doc, tokens: Tokens.empty }, tokens: toColumns(doc.tokens) };
}

/** The document as the stages left it: tokens and the offset map classes again. */
export function unpackDocument(p: PackedDocument): Document {
  return { ...p.doc, tokens: fromColumns(p.tokens), textToOriginal: OffsetMap.revive(p.doc.textToOriginal) };
}
