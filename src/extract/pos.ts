import type { Document } from '../model/document.js';
import { loadJson } from '../util/data.js';

/** Noun-like POS tags of jieba (n*, j abbreviations, vn verbal nouns, x unknown words such as names). */
export const NOUNISH = /^(n|nr|ns|nt|nz|ng|nrt|nrfg|j|vn|an|x|l|b|g)$/u;

let words: { nouns: Set<string>; verbs: Set<string> } | null = null;
function lists() {
  const d = loadJson<{ nounsTaggedVerb: string[]; verbsTaggedOther: string[] }>('extract', 'pos.json');
  words ??= { nouns: new Set(d.nounsTaggedVerb), verbs: new Set(d.verbsTaggedOther) };
  return words;
}

/** Token t is a Han noun: a noun-like tag, or a word pipelines/extract/pos.json knows jieba mistags. */
export function isNounToken(doc: Document, t: number): boolean {
  if (t < 0) return false;
  const w = doc.tokens.surface(doc.text, t);
  const { nouns, verbs } = lists();
  return /^\p{Script=Han}+$/u.test(w) && !verbs.has(w) && (NOUNISH.test(doc.tokens.pos(t)) || nouns.has(w));
}

/** Token t is a verb: a verb tag other than vn, or a verb jieba tags otherwise (现有/b). */
export function isVerbToken(doc: Document, t: number): boolean {
  if (t < 0) return false;
  const tag = doc.tokens.pos(t);
  return (/^v/u.test(tag) && tag !== 'vn') || lists().verbs.has(doc.tokens.surface(doc.text, t));
}
