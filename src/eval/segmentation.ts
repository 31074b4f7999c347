/**
 * How well the coarse tokens keep the domain whole, measured against gold annotations: every occurrence
 * in the text of a gold mechanism name or a gold metric's number should be one token (or inside one),
 * and no token may cross its boundary.
 */
import type { Span } from '../model/span.js';
import type { Tokens } from '../model/tokens.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SegmentationMiss { file: string; needle: string; offset: number; tokens: string[] }
export interface SegmentationScore {
  /** Occurrences of gold names and numbers in the texts. */
  occurrences: number;
  /** Occurrences that one token covers. */
  whole: number;
  /** Occurrences that a token cuts through (starts or ends inside, extends outside). */
  cut: number;
  /** The same three counts for required gold items only (optional items count neither way in the scorer). */
  required: { occurrences: number; whole: number; cut: number };
  misses: SegmentationMiss[];
}

export function emptySegmentationScore(): SegmentationScore {
  return { occurrences: 0, whole: 0, cut: 0, required: { occurrences: 0, whole: 0, cut: 0 }, misses: [] };
}

/** The number a gold metric is written with: the first digit run of its evidence (Chinese numerals are not looked for). */
const numberOf = (evidence: unknown) => /\d+(?:\.\d+)?/u.exec(String(evidence ?? ''))?.[0];

/** Every occurrence of `needle` in `text`; a number only where it stands alone (13 is not looked for inside 2013). */
function occurrences(text: string, needle: string, isNumber: boolean): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (isNumber && (/[\d.]/u.test(text[i - 1] ?? '') || /[\d.]/u.test(text[i + needle.length] ?? ''))) continue;
    out.push(i);
  }
  return out;
}

/** Whether token [tokenStart, tokenEnd) crosses an edge of [start, end): it overlaps it and reaches past one side only. */
export function crossesEdge(tokenStart: number, tokenEnd: number, start: number, end: number): boolean {
  return (tokenStart < start && tokenEnd > start && tokenEnd < end) || (tokenStart > start && tokenStart < end && tokenEnd > end);
}

/** Add one document's counts to `score` (tokens must be ordered by start, as the segmenter emits them). */
export function scoreSegmentation(score: SegmentationScore, gold: Obj, doc: { text: string; tokens: Tokens; file: string }): void {
  const needles = new Map<string, { isNumber: boolean; required: boolean }>();
  const add = (needle: string | undefined, isNumber: boolean, optional: unknown) => {
    if (!needle) return;
    const seen = needles.get(needle);
    needles.set(needle, { isNumber, required: !optional || !!seen?.required });
  };
  for (const m of gold.mechanisms ?? []) add(String(m.name ?? ''), false, m.optional);
  for (const m of gold.metrics ?? []) add(numberOf(m.evidence), true, m.optional);
  const { text, tokens } = doc;
  for (const [needle, { isNumber, required }] of needles) {
    for (const start of occurrences(text, needle, isNumber)) {
      const end = start + needle.length;
      const [from, to] = tokens.overlapping(start, end);
      const near: Span[] = [];
      for (let i = from; i < to; i++) near.push(tokens.span(i));
      const whole = near.some((t) => t.start <= start && t.end >= end);
      const cut = near.some((t) => crossesEdge(t.start, t.end, start, end));
      for (const tally of required ? [score, score.required] : [score]) {
        tally.occurrences++;
        if (whole) tally.whole++;
        if (cut) tally.cut++;
      }
      if (!whole) score.misses.push({ file: doc.file, needle, offset: start, tokens: near.map((t) => text.slice(t.start, t.end)) });
    }
  }
}

export function formatSegmentation(s: SegmentationScore, missesShown = 10): string {
  const pct = (a: number, b: number) => (b ? (100 * a / b).toFixed(1) : '-');
  const lines = [
    'segmentation (coarse tokens against gold mechanism names and metric numbers):',
    `  one token      ${pct(s.whole, s.occurrences)}% of ${s.occurrences} occurrences (required items only: ${pct(s.required.whole, s.required.occurrences)}% of ${s.required.occurrences})`,
    `  cut through    ${s.cut} occurrences`,
  ];
  for (const m of s.misses.slice(0, missesShown)) lines.push(`  not one token: ${m.file} @${m.offset} ${m.needle} → ${m.tokens.join('|')}`);
  return lines.join('\n');
}
