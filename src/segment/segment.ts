import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document } from '../model/document.js';
import { CppccError } from '../model/errors.js';
import type { Span } from '../model/span.js';
import type { Stage } from '../pipeline/stage.js';
import { loadJson } from '../util/data.js';
import { type SegmentData, writeUserDictionary } from './dictionary.js';

const require = createRequire(import.meta.url);
interface Jieba {
  DEFAULT_DICT: string;
  load(opts: { userDict?: string }): void;
  cut(s: string, hmm?: boolean): string[];
  cutForSearch(s: string, hmm?: boolean): string[];
}
let jieba: Jieba | null = null;
let posOf: Map<string, string> | null = null;

/** nodejieba with the domain user dictionary, loaded once per process (load() is process-global). */
export function getJieba(): Jieba {
  if (!jieba) {
    const j = require('nodejieba') as Jieba;
    const userDict = writeUserDictionary();
    j.load({ userDict });
    // Part-of-speech as cppjieba's tagger assigns it: the dictionary's tag for a known word. Looking it
    // up here lets one cut() call stand for tag(), which costs about twice as much.
    posOf = new Map();
    for (const file of [j.DEFAULT_DICT, userDict]) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const [word, , tag] = line.split(' ');
        if (word && tag) posOf.set(word, tag.trim());
      }
    }
    jieba = j;
  }
  return jieba;
}

/** cppjieba's rule for words outside the dictionary: no ASCII → x, only ASCII digits → m, else eng. */
function partOfSpeech(word: string): string {
  const known = posOf!.get(word);
  if (known) return known;
  const ascii = word.replace(/[^\x00-\x7f]/gu, '');
  if (!ascii) return 'x';
  return /^[0-9]+$/u.test(ascii) ? 'm' : 'eng';
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

/** Spans that must come out as one token (numbers, N+N labels, amounts, quoted numbered labels), as [start, end). */
export function protectedSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(protectedPattern())) if (m[0]) out.push([m.index!, m.index! + m[0].length]);
  return out;
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
  // Cut points: every edge of jieba's tokens, checked against the text (a mismatch is E011)...
  const cuts = new Set<number>([0, text.length]);
  let pos = 0;
  for (const word of j.cut(text, true)) {
    if (!word) continue;
    if (text.slice(pos, pos + word.length) !== word) {
      throw new CppccError('E011', { input: file, offset: pos, token: word, found: text.slice(pos, pos + word.length) });
    }
    cuts.add(pos);
    pos += word.length;
    cuts.add(pos);
  }
  if (pos !== text.length) throw new CppccError('E011', { input: file, offset: pos, token: '(end of tokens)', found: text.slice(pos, pos + 10) });
  // ...then no cut inside a protected span, and one at each of its edges.
  const guarded = protectedSpans(text);
  for (const [s, e] of guarded) {
    for (let k = s + 1; k < e; k++) cuts.delete(k);
    cuts.add(s);
    cuts.add(e);
  }
  const starts = new Set(guarded.map(([s]) => s));
  const points = [...cuts].sort((a, b) => a - b);
  const tokens: Token[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k], end = points[k + 1];
    const word = text.slice(start, end);
    // Whitespace is not a token; its length still counts in the offsets.
    if (!word.trim()) continue;
    const isProtected = starts.has(start) && guarded.some(([s, e]) => s === start && e === end);
    tokens.push(token(start, end, isProtected ? (/\d/u.test(word) ? 'm' : 'nz') : partOfSpeech(word), isProtected ? 'segment.protected@1' : 'segment.jieba@1'));
  }
  return tokens;
}

function token(start: number, end: number, pos: string, by: string): Token {
  return { start, end, layer: 'text', label: 'token', by, attrs: { pos } };
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
