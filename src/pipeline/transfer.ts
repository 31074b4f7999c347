import type { Document } from '../model/document.js';
import { OffsetMap } from '../model/offsetMap.js';
import type { Span } from '../model/span.js';

/**
 * Tokens as typed arrays and a small string table: a document's tokens are thousands of small objects,
 * whose structured clone cost more than a third of the document's processing time; these columns clone
 * as a few memory copies.
 */
export interface PackedTokens {
  starts: Int32Array;
  ends: Int32Array;
  /** Index into `strings` of each token's part of speech and of the stage that made it. */
  pos: Uint16Array;
  by: Uint16Array;
  strings: string[];
}

export interface PackedDocument {
  doc: Document;
  tokens: PackedTokens;
}

export function packDocument(doc: Document): PackedDocument {
  const n = doc.tokens.length;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string) => {
    let i = index.get(s);
    if (i === undefined) { i = strings.length; strings.push(s); index.set(s, i); }
    return i;
  };
  const tokens: PackedTokens = { starts: new Int32Array(n), ends: new Int32Array(n), pos: new Uint16Array(n), by: new Uint16Array(n), strings };
  doc.tokens.forEach((t, i) => {
    tokens.starts[i] = t.start;
    tokens.ends[i] = t.end;
    tokens.pos[i] = intern(String(t.attrs?.pos ?? ''));
    tokens.by[i] = intern(t.by);
  });
  return { doc: { ...doc, tokens: [] }, tokens };
}

/** The document as the stages left it: token objects rebuilt, the offset map a class again. */
export function unpackDocument(p: PackedDocument): Document {
  const t = p.tokens;
  const tokens: Span[] = new Array(t.starts.length);
  for (let i = 0; i < t.starts.length; i++) {
    tokens[i] = { start: t.starts[i], end: t.ends[i], layer: 'text', label: 'token', by: t.strings[t.by[i]], attrs: { pos: t.strings[t.pos[i]] } };
  }
  return { ...p.doc, tokens, textToOriginal: OffsetMap.revive(p.doc.textToOriginal) };
}
