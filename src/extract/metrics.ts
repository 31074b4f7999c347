import type { Document } from '../model/document.js';
import type { Stage } from '../model/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp } from '../util/text.js';
import { periodFor } from './attribution.js';
import { clauseStart } from './clauses.js';
import { countedNounStart, indicatorFor } from './indicators.js';
import { CN_NUMERAL_CHARS, parseNumber } from '../util/numerals.js';
import { mentionCovering, orgMentions } from './mentions.js';
import { orgFor } from './orgs.js';
import { sentenceAt } from './sentences.js';
import { findTimePhrases, perUnitFrequency } from './timePhrases.js';
import type { Metric, Qualifier } from '../model/results.js';

interface MetricData {
  units: string[];
  excludeUnitsForChinese: string[];
  scaleUnits: Record<string, [string, number]>;
  qualifierBefore: Record<string, Qualifier>;
  qualifierInside: Record<string, Qualifier>;
  qualifierAfter: Record<string, Qualifier>;
  idioms: string[];
  ordinalUnits: string[];
  articleUnits: string[];
  furnitureBefore: string;
  furnitureAfter: string;
  ageBound: string;
}

let compiled: { d: MetricData; number: RegExp; before: RegExp; after: RegExp; furnitureBefore: RegExp; furnitureAfter: RegExp; ageBound: RegExp } | null = null;
function c() {
  if (compiled) return compiled;
  const d = loadJson<MetricData>('extract', 'metrics.json');
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const cn = `[${CN_NUMERAL_CHARS}]+`;
  compiled = {
    d,
    // A number (Arabic with thousands separators and a scale word: 3.08亿, 1,075, 1万亿; Chinese; a
    // percentage written 百分之X / 千分之X; a tenth-share X成), 余/多 inside, then a unit. 千 before
    // 米/克 is part of the unit (12千米), not a scale.
    number: new RegExp(`(百分之|千分之|万分之)?([-－]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[万亿]+|千(?![米克瓦]))*|${cn}(?:点[${CN_NUMERAL_CHARS}]+)?)(${alt(Object.keys(d.qualifierInside))})?(${alt(d.units)}|成半?|(?<=(?:百分之|千分之|万分之)\\S+))`, 'gu'),
    before: new RegExp(`(${alt(Object.keys(d.qualifierBefore))})$`, 'u'),
    after: new RegExp(`^(${alt(Object.keys(d.qualifierAfter))})`, 'u'),
    furnitureBefore: new RegExp(d.furnitureBefore, 'u'),
    furnitureAfter: new RegExp(d.furnitureAfter, 'u'),
    ageBound: new RegExp(d.ageBound, 'u'),
  };
  return compiled;
}

/** Characters a furniture label and its counter may be apart (浏览次数： 326). */
const FURNITURE_WINDOW = 8;
/** A line repeating the title is a headline of some words; a shorter line (一、, 3项) may stand inside any title. */
const TITLE_LINE_MIN_CHARS = 4;

/**
 * Numbers that are not counts of the text: page counters (阅读次数：326, 3930人参与), masked figures (X名 is
 * never matched; 1X名, XX1 are), URL-encoded bytes (%E7%8E%8B holds 7% and 8%), an age bound before a
 * noun (3岁以下婴幼儿), and numbers of a line that only repeats the title.
 */
function notACount(doc: Document, start: number, end: number, unit: string): boolean {
  const { furnitureBefore, furnitureAfter, ageBound } = c();
  const text = doc.text;
  const prev = text[start - 1] ?? '';
  const next = text[end] ?? '';
  if (/[A-Za-zＡ-Ｚａ-ｚ%＊*×]/u.test(prev) || /[A-Za-zＡ-Ｚａ-ｚ＊*]/u.test(next)) return true;
  if (furnitureBefore.test(text.slice(Math.max(0, start - FURNITURE_WINDOW), start)) || furnitureAfter.test(text.slice(end - unit.length, end + FURNITURE_WINDOW))) return true;
  if (ageBound.test(text.slice(end - unit.length))) return true;
  const title = doc.meta.title?.trim();
  if (title) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim();
    if (line.length >= TITLE_LINE_MIN_CHARS && title.includes(line)) return true;
  }
  return false;
}

/**
 * A numeral right after a list of exactly that many items sums the list up (统筹全国政协和地方政协两支力量:
 * 2 = the two bodies named), it counts nothing new.
 */
function summarisesList(before: string, value: number): boolean {
  if (!/[和与及、]/u.test(before) || !/\p{Script=Han}$/u.test(before)) return false;
  return before.split(/[和与及、]/u).length === value;
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

/** Numbers with units, their qualifier, what is counted, whose, and when. */
export function extractMetrics(doc: Document): Metric[] {
  const { d, number } = c();
  const text = doc.text;
  const mechanismSpans = (doc.spans.mechanisms ?? []).map((s) => [s.start, s.end] as const);
  const sentences = doc.spans.sentences ?? [];
  const mentions = orgMentions(doc);
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
    if (notACount(doc, start, end, unitMatched)) continue;
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
    const clauseFrom = clauseStart(text, start, sent?.start ?? 0);
    const itemStart = clauseStart(text, start, sent?.start ?? 0, true);
    // Chinese 一 + unit is a count only in a frequency clause (每年开展一次); elsewhere it is an article.
    if (chinese && value0 === 1 && d.articleUnits.includes(unitWritten) && !findTimePhrases(text.slice(clauseFrom, start)).some((t) => t.frequency)) continue;
    if (chinese && summarisesList(text.slice(clauseFrom, start), value0)) continue;
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
    const sameSentence = previous && sent && previous.start >= sent.start ? previous : null;
    const indicator = indicatorFor(doc, { start, end, after: end + afterQ, unit: unitWritten, previous: sameSentence }, sent?.start ?? 0, sent?.end ?? text.length, mentions);
    const range = approxRange
      ? ['', String(value0)] as const
      : /(\d+)[-~～至到]$/u.exec(text.slice(Math.max(0, start - 4), start));
    // The org naming what is counted (8位民革党员) when no subject of the clause or sentence says whose.
    const nounStart = countedNounStart(doc, end + afterQ);
    const named = mentionCovering(mentions, nounStart);
    const counted = named?.start === nounStart ? named.name : null;
    const metric: Metric = {
      value, unit, qualifier: range ? 'at_most' : qualifier, indicator,
      org: orgFor(doc, start, counted), period: periodFor(doc, start, perUnitFrequency(text.slice(end + afterQ, end + afterQ + 4))),
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
