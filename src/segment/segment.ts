import { createRequire } from 'node:module';
import type { Document } from '../model/document.js';
import { CppccError } from '../model/errors.js';
import type { Span } from '../model/span.js';
import type { Stage } from '../pipeline/stage.js';
import { loadJson } from '../util/data.js';
import { type SegmentData, writeUserDictionary } from './dictionary.js';

const require = createRequire(import.meta.url);
interface Jieba {
  load(opts: { userDict?: string }): void;
  cut(s: string, hmm?: boolean): string[];
  cutForSearch(s: string, hmm?: boolean): string[];
  tag(s: string): { word: string; tag: string }[];
}
let jieba: Jieba | null = null;

/** nodejieba with the domain user dictionary, loaded once per process (load() is process-global). */
export function getJieba(): Jieba {
  if (!jieba) {
    const j = require('nodejieba') as Jieba;
    j.load({ userDict: writeUserDictionary() });
    jieba = j;
  }
  return jieba;
}

let protectedRe: RegExp | null = null;
function protectedPattern(): RegExp {
  if (protectedRe) return protectedRe;
  const d = loadJson<SegmentData>('segment', 'segment.json');
  const numeral = '[一二三四五六七八九十百千两双0-9]';
  const quoted = `(?<=[“"「])(?=[^”"」]{0,${d.quotedLabelMaxChars - 1}}${numeral})[^”"」\\s，。；：,]{2,${d.quotedLabelMaxChars}}(?=[”"」])`;
  protectedRe = new RegExp([quoted, ...d.protected].map((s) => `(?:${s})`).join('|'), 'gu');
  return protectedRe;
}

export interface Token extends Span {
  attrs: { pos: string };
}

/**
 * Segment `text` into tokens aligned to it: protected spans (numbers, N+N labels, amounts, quoted
 * numbered labels) are single tokens, the gaps go through jieba. Every token is checked against the
 * text at its offset; a mismatch is error E011, never a silent shift.
 */
export function segmentText(text: string, file = 'inline'): Token[] {
  const j = getJieba();
  const tokens: Token[] = [];
  const push = (start: number, word: string, pos: string, by: string) => {
    if (text.slice(start, start + word.length) !== word) {
      throw new CppccError('E011', { input: file, offset: start, token: word, found: text.slice(start, start + word.length) });
    }
    tokens.push({ start, end: start + word.length, layer: 'text', label: 'token', by, attrs: { pos } });
  };
  const cutGap = (from: number, to: number) => {
    if (to <= from) return;
    let pos = from;
    for (const { word, tag } of j.tag(text.slice(from, to))) {
      // jieba drops nothing but may merge whitespace differently: resynchronise on whitespace only.
      while (pos < to && word.trim() && /\s/u.test(text[pos]) && text[pos] !== word[0]) pos++;
      if (!word) continue;
      if (/^\s+$/u.test(word)) { pos += word.length; continue; }
      push(pos, word, tag, 'segment.jieba@1');
      pos += word.length;
    }
  };
  const re = protectedPattern();
  re.lastIndex = 0;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (!m[0]) continue;
    cutGap(last, m.index!);
    push(m.index!, m[0], /\d/u.test(m[0]) ? 'm' : 'nz', 'segment.protected@1');
    last = m.index! + m[0].length;
  }
  cutGap(last, text.length);
  return tokens;
}

/** Finer sub-words of a token for search recall (中国农业发展银行 → 中国, 农业, 发展, 银行), aligned to text. */
export function subwords(text: string, token: Span): Span[] {
  const surface = text.slice(token.start, token.end);
  if (surface.length < 3) return [];
  const out: Span[] = [];
  for (const w of new Set(getJieba().cutForSearch(surface, true))) {
    if (w.length >= surface.length || !w.trim()) continue;
    for (let i = surface.indexOf(w); i >= 0; i = surface.indexOf(w, i + 1)) {
      out.push({ start: token.start + i, end: token.start + i + w.length, layer: 'text', label: 'subword', by: 'segment.jieba@1' });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

export const segmentStage: Stage = {
  id: 'segment.jieba@1',
  requires: ['text'],
  provides: ['tokens'],
  run(doc: Document): Document {
    doc.tokens = segmentText(doc.text, doc.source.file);
    return doc;
  },
};
