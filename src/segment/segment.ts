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
  const quoted = `(?<=[“"「])[^”"」\\s，。；：,、！？!?]{2,${d.quotedLabelMaxChars}}(?=[”"」])`;
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
  return keepWhole(text, [...cuts], protectedSpans(text), (s, e) => {
    const word = text.slice(s, e);
    return { pos: partOfSpeech(word), by: 'segment.jieba@1' };
  }, 'segment.protected@1');
}

/**
 * Tokens from cut points, with every span of `whole` as exactly one token: cuts inside a span are
 * dropped and its edges added. `label(start, end)` gives the tag and stage of the other tokens.
 */
export function keepWhole(text: string, cutPoints: number[], whole: [number, number][], label: (start: number, end: number) => { pos: string; by: string }, by: string): Token[] {
  const cuts = new Set(cutPoints);
  cuts.add(0);
  cuts.add(text.length);
  for (const [s, e] of whole) {
    for (let k = s + 1; k < e; k++) cuts.delete(k);
    cuts.add(s);
    cuts.add(e);
  }
  const wholeAt = new Map(whole.map(([s, e]) => [s, e]));
  const points = [...cuts].sort((a, b) => a - b);
  const tokens: Token[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k], end = points[k + 1];
    const word = text.slice(start, end);
    // Whitespace is not a token; its length still counts in the offsets.
    if (!word.trim()) continue;
    if (wholeAt.get(start) === end) tokens.push(token(start, end, /\d/u.test(word) ? 'm' : 'nz', by));
    else {
      const l = label(start, end);
      tokens.push(token(start, end, l.pos, l.by));
    }
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

/** Spans that may not overlap one another, longest first where they do (a mention inside a longer one). */
function nonOverlapping(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const sp of [...spans].sort((a, b) => (b[1] - b[0]) - (a[1] - a[0]))) {
    if (!out.some(([s, e]) => sp[0] < e && s < sp[1])) out.push(sp);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * After mechanism extraction: every mention of a label found in this document, or discovered earlier
 * in the run (ctx.discovered), becomes one token, so a local label (党员冬训) is counted and searched
 * whole everywhere. Tokens outside the mentions keep their tags; nothing is re-segmented.
 */
export const refineStage: Stage = {
  id: 'segment.refine@1',
  requires: ['tokens', 'mechanisms'],
  provides: ['tokens'],
  run(doc: Document, ctx): Document {
    const names = new Set<string>((doc.spans.mechanisms ?? []).map((m) => String(m.attrs?.name ?? '')));
    for (const n of ctx.discovered ?? []) if (doc.text.includes(n)) names.add(n);
    const spans: [number, number][] = [];
    for (const n of names) {
      if (n.length < 2) continue;
      for (let i = doc.text.indexOf(n); i >= 0; i = doc.text.indexOf(n, i + n.length)) spans.push([i, i + n.length]);
    }
    if (!spans.length) return doc;
    const byStart = new Map(doc.tokens.map((t) => [t.start, t]));
    const cuts = doc.tokens.flatMap((t) => [t.start, t.end]);
    doc.tokens = keepWhole(doc.text, cuts, nonOverlapping(spans), (s, e) => {
      const t = byStart.get(s);
      return t && t.end === e ? { pos: String(t.attrs?.pos ?? 'x'), by: t.by } : { pos: 'x', by: this.id };
    }, this.id);
    return doc;
  },
};

export const segmentStage: Stage = {
  id: 'segment.jieba@1',
  requires: ['text'],
  provides: ['tokens'],
  run(doc: Document): Document {
    doc.tokens = segmentText(doc.text, doc.source.file);
    return doc;
  },
};
