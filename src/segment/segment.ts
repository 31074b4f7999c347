import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document } from '../model/document.js';
import { CppccError } from '../model/errors.js';
import type { Span } from '../model/span.js';
import { labelId, TokenBuilder, type Tokens } from '../model/tokens.js';
import type { Stage } from '../model/stage.js';
import { loadJson } from '../util/data.js';
import { type SegmentData, writeUserDictionary } from './dictionary.js';
import { PosTable } from './posTable.js';

const require = createRequire(import.meta.url);
interface Jieba {
  DEFAULT_DICT: string;
  load(opts: { userDict?: string }): void;
  cut(s: string, hmm?: boolean): string[];
  cutForSearch(s: string, hmm?: boolean): string[];
}
let jieba: Jieba | null = null;
let posOf: PosTable | null = null;

/** nodejieba with the domain user dictionary, loaded once per process (load() is process-global). */
export function getJieba(): Jieba {
  if (!jieba) {
    const j = require('nodejieba') as Jieba;
    const userDict = writeUserDictionary();
    j.load({ userDict });
    // Part-of-speech as cppjieba's tagger assigns it: the dictionary's tag for a known word. Looking it
    // up here lets one cut() call stand for tag(), which costs about twice as much.
    const lines = [j.DEFAULT_DICT, userDict].flatMap((file) => readFileSync(file, 'utf8').split('\n'));
    posOf = new PosTable(lines.length);
    for (const line of lines) {
      const [word, , tag] = line.split(' ');
      if (word && tag) posOf.set(word, tag.trim());
    }
    jieba = j;
  }
  return jieba;
}

const SEGMENTER = labelId('segment.jieba@1');
const PROTECTED = labelId('segment.protected@1');
const TAG_X = labelId('x');
const TAG_M = labelId('m');
const TAG_ENG = labelId('eng');
const TAG_NZ = labelId('nz');

/** cppjieba's rule for words outside the dictionary: no ASCII → x, only ASCII digits → m, else eng. */
function partOfSpeech(word: string): number {
  const known = posOf!.idOf(word);
  if (known >= 0) return known;
  // One pass over char codes instead of a regex: this runs for every unknown token (punctuation, names).
  let ascii = false;
  let digitsOnly = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 128) {
      ascii = true;
      if (c < 48 || c > 57) digitsOnly = false;
    }
  }
  if (!ascii) return TAG_X;
  return digitsOnly ? TAG_M : TAG_ENG;
}

/** A protected or merged span's tag: m when it holds a digit, else nz (a name). */
function wholeTag(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return TAG_M;
  }
  return TAG_NZ;
}

/** A span that comes out as one token: [start, end) and its tag (the labelId of m or nz). */
export type ProtectedSpan = [start: number, end: number, tag: number];

/** segment.json compiled once per thread: the patterns and character sets of protected spans. */
interface Protection {
  /** Quoted labels and the `protected` patterns, as one alternation. */
  patterns: RegExp;
  couplet: RegExp;
  /** A number in Chinese numerals from its first place unit on (the digits before it are walked back to). */
  numeral: RegExp;
  numeralDigits: Set<string>;
  numeralMinChars: number;
  speechChars: Set<string>;
}
let protection: Protection | null = null;
function getProtection(): Protection {
  if (protection) return protection;
  const d = loadJson<SegmentData>('segment', 'segment.json');
  const quoted = `(?<=[“"「])[^”"」\\s，。；：,、！？!?]{2,${d.quotedLabelMaxChars}}(?=[”"」])`;
  const { clauseMinChars: lo, clauseMaxChars: hi, maxClauses } = d.quotedCouplet;
  const { digits, units, minChars } = d.chineseNumerals;
  protection = {
    patterns: new RegExp([quoted, ...d.protected].map((s) => `(?:${s})`).join('|'), 'gu'),
    couplet: new RegExp(`(?<=[“"「])\\p{Script=Han}{${lo},${hi}}(?:[，,、]\\p{Script=Han}{${lo},${hi}}){1,${maxClauses - 1}}(?=[”"」])`, 'gu'),
    numeral: new RegExp(`[${units}][${digits}${units}]*(?:点[${digits}]+)?(?:[多余][万亿]?)?(?:元|美元)?`, 'gu'),
    numeralDigits: new Set(digits),
    numeralMinChars: minChars,
    speechChars: new Set(d.quotedCouplet.notInSlogans),
  };
  return protection;
}

/** Numbers in Chinese numerals with a place unit and at least minChars characters (六千零五十一个 → 六千零五十一), tagged m. */
function numeralSpans(text: string, p: Protection): ProtectedSpan[] {
  const out: ProtectedSpan[] = [];
  let last = 0;
  for (const m of text.matchAll(p.numeral)) {
    let s = m.index!;
    while (s > last && p.numeralDigits.has(text[s - 1])) s--;
    const e = m.index! + m[0].length;
    if (e - s >= p.numeralMinChars) {
      out.push([s, e, TAG_M]);
      last = e;
    }
  }
  return out;
}

/** A quoted slogan's clauses all have the same length (对仗) and none has the words of spoken syntax. */
function isCouplet(s: string, p: Protection): boolean {
  const clauses = s.split(/[，,、]/u);
  return clauses.every((c) => c.length === clauses[0].length) && ![...s].some((ch) => p.speechChars.has(ch));
}

/** `primary` and the spans of `secondary` that overlap none of it, ordered by start (both come ordered and disjoint). */
function withoutOverlaps(primary: ProtectedSpan[], secondary: ProtectedSpan[]): ProtectedSpan[] {
  if (!primary.length) return secondary;
  if (!secondary.length) return primary;
  return [...primary, ...secondary.filter(([s, e]) => !primary.some(([ps, pe]) => s < pe && ps < e))].sort((a, b) => a[0] - b[0]);
}

/**
 * Spans that must come out as one token (numbers, N+N labels, amounts, quoted labels and slogans), with
 * their tags, ordered and disjoint: a slogan wins over a pattern inside it, a pattern over a number in
 * Chinese numerals.
 */
export function protectedSpans(text: string): ProtectedSpan[] {
  const p = getProtection();
  const matched = (m: RegExpMatchArray): ProtectedSpan => [m.index!, m.index! + m[0].length, wholeTag(text, m.index!, m.index! + m[0].length)];
  const out: ProtectedSpan[] = [];
  for (const m of text.matchAll(p.patterns)) if (m[0]) out.push(matched(m));
  const couplets: ProtectedSpan[] = [];
  for (const m of text.matchAll(p.couplet)) if (isCouplet(m[0], p)) couplets.push(matched(m));
  return withoutOverlaps(couplets, withoutOverlaps(out, numeralSpans(text, p)));
}

/** Average characters per coarse token on the dev set is about 1.6: the builder's first guess at its size. */
const CHARS_PER_TOKEN = 1.6;

/**
 * Segment `text` into tokens aligned to it: protected spans (numbers, N+N labels, amounts, quoted
 * numbered labels) are single tokens, jieba's words fill the rest. Every word is checked against the
 * text at its offset; a mismatch is error E011, never a silent shift. One pass over jieba's words and
 * the (ordered, disjoint) protected spans, written straight into typed columns: no token objects, so
 * the layer stays cheap beside the native cut.
 */
export function segmentText(text: string, file = 'inline'): Tokens {
  const j = getJieba();
  const whole = protectedSpans(text);
  const out = new TokenBuilder(text.length / CHARS_PER_TOKEN);
  let pos = 0;
  let p = 0;
  // The common case (a word that no protected span touches) is pushed straight away: this loop runs for
  // every word, and its cost is what the layer adds to the native cut.
  for (const word of j.cut(text, true)) {
    const s0 = pos;
    const e = pos + word.length;
    if (!text.startsWith(word, pos)) {
      throw new CppccError('E011', { input: file, offset: pos, token: word, found: text.slice(pos, pos + word.length) });
    }
    pos = e;
    while (p < whole.length && whole[p][1] <= s0) p++;
    if (p === whole.length || whole[p][0] >= e) {
      if (!isBlank(text, s0, e)) out.push(s0, e, partOfSpeech(word), SEGMENTER);
      continue;
    }
    let s = s0;
    while (s < e) {
      while (p < whole.length && whole[p][1] <= s) p++;
      const span = whole[p];
      if (!span || span[0] >= e) {
        pushPiece(out, text, s, e);
        break;
      }
      if (s < span[0]) pushPiece(out, text, s, span[0]);
      // The protected span is one token, emitted when the first word reaching it is seen.
      if (s <= span[0]) out.push(span[0], span[1], span[2], PROTECTED);
      s = span[1];
    }
  }
  if (pos !== text.length) throw new CppccError('E011', { input: file, offset: pos, token: '(end of tokens)', found: text.slice(pos, pos + 10) });
  return out.finish();
}

/** Whitespace is not a token; its length still counts in the offsets. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0xfeff)) return false;
  }
  return true;
}

/** The part of a word outside a protected span. */
function pushPiece(out: TokenBuilder, text: string, s: number, e: number): void {
  if (!isBlank(text, s, e)) out.push(s, e, partOfSpeech(text.slice(s, e)), SEGMENTER);
}

/** Finer sub-words of a token for search recall (中国农业发展银行 → 中国, 农业, 发展, 银行), aligned to text. */
export function subwords(text: string, token: { start: number; end: number }): Span[] {
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
export function nonOverlapping(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const sp of [...spans].sort((a, b) => (b[1] - b[0]) - (a[1] - a[0]))) {
    if (!out.some(([s, e]) => sp[0] < e && s < sp[1])) out.push(sp);
  }
  return out.sort((a, b) => a[0] - b[0]);
}


/**
 * Tokens with every span of `whole` (ordered, disjoint) as one token, in one merge: tokens outside the
 * spans are kept as they are, tokens a span edge cuts keep the part outside the span (tag x).
 */
export function mergeWhole(text: string, tokens: Tokens, whole: [number, number][], by: string): Tokens {
  const byId = labelId(by);
  const out = new TokenBuilder(tokens.length);
  let p = 0;
  for (let i = 0; i < tokens.length; i++) {
    const ts = tokens.starts[i];
    const te = tokens.ends[i];
    while (p < whole.length && whole[p][1] <= ts) p++;
    if (p >= whole.length || whole[p][0] >= te) { out.copy(tokens, i); continue; }
    let s = ts;
    while (s < te) {
      while (p < whole.length && whole[p][1] <= s) p++;
      const span = whole[p];
      if (!span || span[0] >= te) {
        if (!isBlank(text, s, te)) out.push(s, te, TAG_X, byId);
        break;
      }
      if (s < span[0] && !isBlank(text, s, span[0])) out.push(s, span[0], TAG_X, byId);
      if (s <= span[0]) out.push(span[0], span[1], wholeTag(text, span[0], span[1]), byId);
      s = span[1];
    }
  }
  return out.finish();
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
