import type { Document } from '../model/document.js';
import type { Span } from '../model/span.js';
import type { Stage } from '../pipeline/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp, stripAffixes } from '../util/text.js';
import { CN_NUMERAL_CHARS, parseNumber } from './numerals.js';
import { orgFor } from './orgs.js';
import { sentenceAt } from './sentences.js';
import type { Metric, Qualifier } from './types.js';

interface MetricData {
  units: string[];
  excludeUnitsForChinese: string[];
  scaleUnits: Record<string, [string, number]>;
  qualifierBefore: Record<string, Qualifier>;
  qualifierInside: Record<string, Qualifier>;
  qualifierAfter: Record<string, Qualifier>;
  periods: string[];
  frequencyPeriod: string;
  indicatorMaxChars: number;
  indicatorStrip: string[];
  idioms: string[];
  ordinalUnits: string[];
  articleUnits: string[];
}

let compiled: { d: MetricData; number: RegExp; period: RegExp; frequency: RegExp; before: RegExp; after: RegExp } | null = null;
function c() {
  if (compiled) return compiled;
  const d = loadJson<MetricData>('extract', 'metrics.json');
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const cn = `[${CN_NUMERAL_CHARS}]+`;
  compiled = {
    d,
    // number, 余/多 inside, unit; Arabic may carry a scale word (3.08亿, 1万).
    // A number (Arabic with thousands separators and a scale word: 3.08亿, 1,075, 1万亿; Chinese; a
    // percentage written 百分之X / 千分之X; a tenth-share X成), 余/多 inside, then a unit. 千 before
    // 米/克 is part of the unit (12千米), not a scale.
    number: new RegExp(`(百分之|千分之|万分之)?([-－]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[万亿]+|千(?![米克瓦]))*|${cn}(?:点[${CN_NUMERAL_CHARS}]+)?)(${alt(Object.keys(d.qualifierInside))})?(${alt(d.units)}|成半?|(?<=(?:百分之|千分之|万分之)\\S+))`, 'gu'),
    period: new RegExp(`(?:${d.periods.join('|')})`, 'gu'),
    frequency: new RegExp(d.frequencyPeriod, 'u'),
    before: new RegExp(`(${alt(Object.keys(d.qualifierBefore))})$`, 'u'),
    after: new RegExp(`^(${alt(Object.keys(d.qualifierAfter))})`, 'u'),
  };
  return compiled;
}

const CLAUSE_BOUNDARY = /[，,。；;：:！？!?\n（()）]/u;
const ITEM_BOUNDARY = /[，,。；;：:！？!?\n、（()）]/u;

function lastBoundary(text: string, at: number, re: RegExp, floor: number): number {
  for (let i = at - 1; i >= floor; i--) if (re.test(text[i])) return i + 1;
  return floor;
}

/** Noun-like POS tags of jieba (n*, j abbreviations, vn verbal nouns, x unknown words such as names). */
const NOUNISH = /^(n|nr|ns|nt|nz|ng|nrt|nrfg|j|vn|an|x|l|b|g)$/u;

/** A noun phrase starting at `from` (tokens with noun-like tags), or '' when a verb or punctuation comes first. */
function followingNounPhrase(doc: Document, from: number, max: number): string {
  const tokens = doc.tokens;
  let pos = from;
  let phrase = '';
  for (;;) {
    const t = tokens.startingAt(pos);
    if (t < 0) break;
    const w = tokens.surface(doc.text, t);
    const tag = tokens.pos(t);
    const next = tokens.startingAt(tokens.end(t));
    if (!/^\p{Script=Han}+$/u.test(w)) break;
    if (!NOUNISH.test(tag) && !(phrase === '' && /^(v|a)$/u.test(tag) && next >= 0 && NOUNISH.test(tokens.pos(next)) && w.length === 2 && !/^(实施|研究|实现|开展|提供|参加|参与|推动|帮助|解决)$/u.test(w))) break;
    if (phrase.length + w.length > max) break;
    phrase += w;
    pos = tokens.end(t);
  }
  return phrase;
}

/** The phrase before a number: from the last clause or item boundary, at most indicatorMaxChars (quotes not counted). */
function precedingPhrase(doc: Document, at: number, floor: number): string {
  const { d } = c();
  const text = doc.text;
  const from = lastBoundary(text, at, ITEM_BOUNDARY, floor);
  let start = at;
  // Walk back token by token so the cut never falls inside a word.
  while (start > from) {
    const t = doc.tokens.endingAt(start);
    const s = t >= 0 && doc.tokens.start(t) >= from ? doc.tokens.start(t) : start - 1;
    if (text.slice(s, at).replace(/[“”"]/gu, '').length > d.indicatorMaxChars) break;
    start = s;
  }
  let phrase = text.slice(start, at);
  // Frequency items: drop the period and qualifier (每季度至少到企业… → 到企业…).
  phrase = phrase.replace(new RegExp(`^.*?${d.frequencyPeriod}(?:要)?(?:至少|不少于|最多|不超过)?(?:要)?`, 'u'), '');
  phrase = phrase.replace(c().before, '').replace(/(?:要|了|达|达到|共|累计)$/u, '');
  return stripAffixes(phrase, d.indicatorStrip);
}

function qualifierFor(text: string, start: number, inside: string | undefined, afterText: string, itemStart: number): Qualifier {
  const { d, before, after } = c();
  const a = after.exec(afterText);
  if (a) return d.qualifierAfter[a[1]];
  if (inside) return d.qualifierInside[inside];
  const b = before.exec(text.slice(Math.max(itemStart, start - 4), start));
  if (b) return d.qualifierBefore[b[1]];
  // 至少/不少于/最多 can stand a few words before the number (每年至少要开展4次).
  const item = text.slice(itemStart, start);
  for (const w of ['至少', '不少于', '不低于', '最多', '不超过']) if (item.includes(w)) return d.qualifierBefore[w];
  return 'exact';
}

function periodFor(text: string, sent: Span | null, paraStart: number, start: number, clauseStart: number): string | null {
  const { period, frequency } = c();
  const freqs = [...text.slice(clauseStart, start).matchAll(new RegExp(frequency.source, 'gu'))];
  if (freqs.length) return freqs[freqs.length - 1][0];
  const search = (from: number) => {
    let found: string | null = null;
    period.lastIndex = 0;
    for (const m of text.slice(from, start).matchAll(period)) found = m[0];
    return found;
  };
  return search(sent ? sent.start : clauseStart) ?? search(paraStart);
}

/** Numbers with units, their qualifier, what is counted, whose, and when. */
export function extractMetrics(doc: Document): Metric[] {
  const { d, number } = c();
  const text = doc.text;
  const mechanismSpans = (doc.spans.mechanisms ?? []).map((s) => [s.start, s.end] as const);
  const sentences = doc.spans.sentences ?? [];
  const out: Metric[] = [];
  let previous: Metric | null = null;
  for (const m of text.matchAll(number)) {
    const start = m.index!;
    const [surface, fraction, num, inside, unitMatched] = m;
    // 百分之五 and 七成 are percentages; their unit is %.
    const unitWritten = fraction ? '%' : unitMatched.startsWith('成') ? '成' : unitMatched;
    const end = start + surface.length;
    const chinese = !/\d/u.test(num);
    if (mechanismSpans.some(([s, e]) => start >= s && start < e)) continue;
    if (/[第\d.]$/u.test(text.slice(Math.max(0, start - 1), start))) continue;
    if (d.ordinalUnits.some((u) => text.startsWith(u, start + num.length))) continue;
    if (chinese) {
      if (d.excludeUnitsForChinese.includes(unitWritten)) continue;
      if (doc.tokens.startingAt(start) < 0) continue;
      const window = text.slice(Math.max(0, start - 3), end + 3);
      if (d.idioms.some((w) => window.includes(w) && overlaps(window.indexOf(w) + Math.max(0, start - 3), w.length, start, end))) continue;
    }
    // 三四十 (thirty or forty), 七八个: two adjacent digits are an approximate range.
    const approxRange = /^([一二三四五六七八九])([二三四五六七八九])(十|百|千|万)?$/u.exec(num);
    let value0 = approxRange ? parseNumber(approxRange[1] + (approxRange[3] ?? '')) : parseNumber(num.replace(/^[－]/u, '-').replace(/,/gu, ''));
    if (value0 === null || !Number.isFinite(value0)) continue;
    if (text[start - 1] === '负') value0 = -value0;
    const sent = sentenceAt(sentences, start);
    const clauseStart = lastBoundary(text, start, CLAUSE_BOUNDARY, sent?.start ?? 0);
    const itemStart = lastBoundary(text, start, ITEM_BOUNDARY, sent?.start ?? 0);
    // Chinese 一 + unit is a count only in a frequency clause (每年开展一次); elsewhere it is an article.
    if (chinese && value0 === 1 && d.articleUnits.includes(unitWritten) && !c().frequency.test(text.slice(clauseStart, start))) continue;
    if (unitWritten === '点' && /^[半\d一二三四五六七八九十]/u.test(text.slice(end, end + 1))) continue;
    const scale = d.scaleUnits[unitWritten];
    let unit = scale ? scale[0] : unitWritten;
    let value = scale ? value0 * scale[1] : value0;
    if (fraction === '千分之') value /= 10;
    if (fraction === '万分之') value /= 100;
    if (unitWritten === '成') { value *= 10; unit = '%'; if (unitMatched === '成半') value += 5; }
    // 一吨半, 两米半: a half after the unit.
    else if (text[end] === '半' && Number.isInteger(value)) value += 0.5;
    value = Math.round(value * 1e6) / 1e6;
    const afterText = text.slice(end, end + 3);
    const qualifier = qualifierFor(text, start, inside, afterText, itemStart);
    const afterQ = c().after.exec(afterText)?.[1]?.length ?? 0;
    let indicator = followingNounPhrase(doc, end + afterQ, d.indicatorMaxChars);
    if (indicator.length < 2) {
      indicator = precedingPhrase(doc, start, sent?.start ?? 0);
      // 18个36.31万元: a number right after another shares its indicator.
      if (previous && previous.end === start) indicator = previous.indicator ?? indicator;
    }
    const range = approxRange
      ? ['', String(value0)] as const
      : /(\d+)[-~～至到]$/u.exec(text.slice(Math.max(0, start - 4), start));
    const paraStart = sentences.find((s) => s.attrs?.paragraph === sent?.attrs?.paragraph)?.start ?? 0;
    const metric: Metric = {
      value, unit, qualifier: range ? 'at_most' : qualifier, indicator: indicator || null,
      org: orgFor(doc, start), period: periodFor(text, sent, paraStart, start, clauseStart),
      surface, start, end, evidence: sent ? text.slice(sent.start, sent.end) : surface,
    };
    if (approxRange) {
      // 三四十人 → at least 30 and at most 40.
      const high = parseNumber(approxRange[2] + (approxRange[3] ?? '')) ?? value0;
      out.push({ ...metric, qualifier: 'at_least' }, { ...metric, value: scale ? high * scale[1] : high, qualifier: 'at_most' });
      previous = metric;
      continue;
    }
    if (range) {
      const low = Number(range[1]);
      out.push({ ...metric, value: low, qualifier: 'at_least', start: start - range[0].length, surface: range[0] + surface });
    }
    out.push(metric);
    previous = metric;
  }
  return out;
}

function overlaps(aStart: number, aLen: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aStart + aLen;
}

export const metricsStage: Stage = {
  id: 'extract.metrics@1',
  requires: ['tokens', 'sentences', 'orgs', 'mechanisms'],
  provides: ['metrics'],
  run(doc: Document): Document {
    const found = extractMetrics(doc);
    doc.extracted.metrics = found;
    doc.spans.metrics = found.map((m) => ({ start: m.start, end: m.end, layer: 'text', label: 'metric', by: this.id, attrs: { value: m.value, unit: m.unit } }));
    return doc;
  },
};
