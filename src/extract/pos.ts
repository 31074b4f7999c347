import type { Document } from '../model/document.js';
import { loadJson } from '../util/data.js';

/** Noun-like POS tags of jieba (n*, j abbreviations, vn verbal nouns, x unknown words such as names). */
export const NOUNISH = /^(n|nr|ns|nt|nz|ng|nrt|nrfg|j|vn|an|x|l|b|g)$/u;

let nouns: Set<string> | null = null;

/** Token t is a Han noun: a noun-like tag, or a word pipelines/extract/pos.json knows jieba mistags as a verb. */
export function isNounToken(doc: Document, t: number): boolean {
  if (t < 0) return false;
  nouns ??= new Set(loadJson<{ nounsTaggedVerb: string[] }>('extract', 'pos.json').nounsTaggedVerb);
  const w = doc.tokens.surface(doc.text, t);
  return /^\p{Script=Han}+$/u.test(w) && (NOUNISH.test(doc.tokens.pos(t)) || nouns.has(w));
}
