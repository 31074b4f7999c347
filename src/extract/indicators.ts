import type { Document } from '../model/document.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp, stripAffixes } from '../util/text.js';
import { clauseEnd, clauseStart, isBoundary } from './clauses.js';
import { isPersonWord, leadFiller, personAt } from './attribution.js';
import { mentionCovering } from './mentions.js';
import { isNounToken, isVerbToken } from './pos.js';
import { findTimePhrases } from './timePhrases.js';
import type { OrgMention } from '../model/results.js';

/**
 * What a number counts: the noun phrase after its unit (16家委员联建基地, 600元的托育机构照护补贴), else the
 * object before it (收到提案512件 → 提案), a share of the count before it (占提案总数的61.1%), or the
 * predicate after it when nothing before it names a thing (近9成得到解决和基本解决).
 */

interface IndicatorData {
  indicatorMaxChars: number;
  indicatorStrip: string[];
  indicatorStripEnd: string[];
  qualifierBefore: Record<string, unknown>;
  countingVerbs: string[];
  possessionVerbs: string[];
  lightVerbs: string[];
  modifierVerbsNot: string[];
  prepositions: string[];
  rateAfterUnit: string;
  share: string;
  shareHead: string;
  articleUnits: string[];
  personUnits: string[];
}

let compiled: { d: IndicatorData; qualifierEnd: RegExp; stripEnd: RegExp; rate: RegExp; share: RegExp } | null = null;
function c() {
  if (compiled) return compiled;
  const d = loadJson<IndicatorData>('extract', 'metrics.json');
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  compiled = {
    d,
    qualifierEnd: new RegExp(`(?:${alt(Object.keys(d.qualifierBefore))})$`, 'u'),
    stripEnd: new RegExp(`(?:${alt(d.indicatorStripEnd)}|\\s)+$`, 'u'),
    rate: new RegExp(d.rateAfterUnit, 'u'),
    share: new RegExp(d.share, 'u'),
  };
  return compiled;
}

/** What is counted has two characters or more (提案, 委员); one is a fragment (占, 为, 县). */
const MIN_INDICATOR_CHARS = 2;
/** Words cut from either end of a phrase (一年来，共，市政协主席李明…): a few at most; the bound only stops a runaway loop. */
const MAX_TRIM_STEPS = 8;
/** A one-character token inside a noun phrase is a bound morpheme (县直委员联络组: 直), unless it is one of these. */
const NOT_BOUND = /^[的地得了着过和与及或并而等之]$/u;
/** Adverb-tagged attributives (一次性, 长时间) have three characters or more; see nounPhraseAt. */
const ATTRIBUTIVE_MIN_CHARS = 3;
/** Coordination ends the head noun (现实问题或办一件实事). */
const COORDINATION = /^[或和与及并而]/u;

export interface Counted {
  /** The number with its unit: [start, end). */
  start: number;
  end: number;
  /** After the unit and a qualifier written after it (以上, 左右). */
  after: number;
  unit: string;
  /** The metric just before in the same sentence (for shares and 18个36.31万元). */
  previous: { end: number; indicator: string | null } | null;
}

/** Where the noun phrase of what is counted starts after the unit: past 的 (25天的护理假), or past 的标准 and its verb (500元的标准发放…补贴). */
export function countedNounStart(doc: Document, after: number): number {
  const { rate } = c();
  const text = doc.text;
  const r = rate.exec(text.slice(after, after + 4));
  if (r) {
    const verb = doc.tokens.startingAt(after + r[0].length);
    return isVerbToken(doc, verb) ? doc.tokens.end(verb) : after + r[0].length;
  }
  return text[after] === '的' ? after + 1 : after;
}

/** The noun phrase of jieba tokens from `from` (at most `max` characters), ending in a noun, or ''. */
function nounPhraseAt(doc: Document, from: number, max: number, classifier: boolean, person = false): string {
  const { d } = c();
  const tokens = doc.tokens;
  let pos = from;
  let phrase = '';
  let headEnd = 0;
  for (;;) {
    const t = tokens.startingAt(pos);
    if (t < 0) break;
    const w = tokens.surface(doc.text, t);
    const tag = tokens.pos(t);
    const next = tokens.startingAt(tokens.end(t));
    const nextNoun = isNounToken(doc, next);
    // 联建基地。, 照护补贴；: a verb and a noun that close the clause are the head of the phrase.
    const closing = nextNoun && (tokens.end(next) >= doc.text.length || isBoundary(doc.text, tokens.end(next), true));
    if (!/^\p{Script=Han}+$/u.test(w)) break;
    if (phrase && COORDINATION.test(w)) break;
    // An adverb never modifies a noun: a long one before a word is an attributive jieba mistags
    // (一次性/d 取暖补贴); two-character ones are true adverbs often before a mistagged verb (已经/d 办复).
    const attributive = /^d$/u.test(tag) && w.length >= ATTRIBUTIVE_MIN_CHARS && next >= 0 && /^\p{Script=Han}/u.test(tokens.surface(doc.text, next));
    const ok = isNounToken(doc, t)
      // After a classifier comes its noun, whatever jieba calls it (28件提案未被采纳: 提案 is tagged v).
      || (phrase === '' && classifier && /^v/u.test(tag))
      // A verb or adjective modifying the noun after a measure (新增投入), unless it starts a predicate.
      || (phrase === '' && /^(v|a)$/u.test(tag) && nextNoun && w.length === 2 && !d.modifierVerbsNot.includes(w))
      || (phrase !== '' && w.length === 1 && !NOT_BOUND.test(w) && nextNoun)
      || (phrase !== '' && !person && /^v/u.test(tag) && w.length === 2 && closing)
      || attributive;
    if (!ok || phrase.length + w.length > max) break;
    phrase += w;
    // The phrase ends in a noun, never in the attributive before it.
    if (!attributive) headEnd = phrase.length;
    pos = tokens.end(t);
    // After a classifier of people the person counted ends the phrase (一名委员轮值接待群众 → 委员).
    if (person && isPersonWord(w)) break;
  }
  return phrase.slice(0, headEnd);
}

/** Cut a leading time phrase, connective (随后, 一是), person (市政协主席李明) or org followed by its verb. */
function trimLeft(doc: Document, s: number, e: number, mentions: OrgMention[]): number {
  const { d } = c();
  const text = doc.text;
  for (let guard = 0; guard < MAX_TRIM_STEPS && s < e; guard++) {
    const phrase = text.slice(s, e);
    // Spaces, and a gloss the cut began with ((企业)直接或间接提供…).
    const space = /^(?:\s+|[（(][^）)]{0,4}[）)])/u.exec(phrase)?.[0].length ?? 0;
    const time = findTimePhrases(phrase).find((t) => t.start === 0 && t.end < phrase.length)?.end ?? 0;
    const strip = d.indicatorStrip.find((p) => phrase.startsWith(p) && phrase.length - p.length >= MIN_INDICATOR_CHARS)?.length ?? 0;
    // The walk back may start inside a mention (…政协 of 全省各级政协).
    const org = mentionCovering(mentions, s);
    const afterOrg = org ? doc.tokens.startingAt(org.end) : -1;
    const orgVerb = org && org.end < e && afterOrg >= 0 && !isNounToken(doc, afterOrg) ? org.end - s : 0;
    const filler = leadFiller().exec(phrase)?.[0].length ?? 0;
    const person = personAt(doc, s, mentions);
    const step = space || time || strip || filler || person || orgVerb;
    if (!step) break;
    s += step;
  }
  return s;
}

/**
 * Where the object of the first counting or possession verb in [s, e) starts (计划开展协商活动 → 协商活动;
 * 组织委员视察调研 → 委员视察调研: the object of the first verb holds the rest), or s.
 */
function objectStart(doc: Document, s: number, e: number): number {
  const { d } = c();
  // s may fall inside a token (全市政协 after 全市 was cut): start at that token.
  const first = doc.tokens.startingAt(s) >= 0 ? doc.tokens.startingAt(s) : doc.tokens.covering(s);
  for (let t = first; t >= 0 && doc.tokens.end(t) < e; t = doc.tokens.startingAt(doc.tokens.end(t))) {
    const w = doc.tokens.surface(doc.text, t);
    // Used as a verb here: 协商/n 活动 and 调研/vn 报告 are nouns of what is counted.
    if (isVerbToken(doc, t) && (d.countingVerbs.includes(w) || d.possessionVerbs.includes(w)) && nounAt(doc, doc.tokens.end(t), e)) return doc.tokens.end(t);
  }
  return s;
}

function nounAt(doc: Document, at: number, e: number): boolean {
  const phrase = nounPhraseAt(doc, at, c().d.indicatorMaxChars, false);
  return phrase.length >= MIN_INDICATOR_CHARS && at + phrase.length <= e;
}

/** The phrase before a number in its item, at most indicatorMaxChars (quotes not counted), cut to what is counted. */
function precedingPhrase(doc: Document, n: Counted, floor: number, mentions: OrgMention[]): string {
  const { d, qualifierEnd, stripEnd, share } = c();
  const text = doc.text;
  const from = clauseStart(text, n.start, floor, true);
  let s = n.start;
  // Walk back token by token so the cut never falls inside a word.
  while (s > from) {
    const t = doc.tokens.endingAt(s);
    const p = t >= 0 && doc.tokens.start(t) >= from ? doc.tokens.start(t) : s - 1;
    if (text.slice(p, n.start).replace(/[“”"]/gu, '').length > d.indicatorMaxChars) break;
    s = p;
  }
  let e = n.start;
  // Frequency items: what follows the frequency and its qualifier (每季度至少到企业指导…一次 → 到企业指导…), or
  // what precedes it when only a light verb follows (集体学习每月要至少安排1次 → 集体学习).
  const freq = findTimePhrases(text.slice(s, e)).filter((t) => t.frequency).pop();
  if (freq) {
    const rest = /^(?:要)?(?:至少|不少于|最多|不超过)?(?:要)?/u.exec(text.slice(s + freq.end, e))![0].length;
    const tail = text.slice(s + freq.end + rest, e).replace(stripEnd, '');
    if (d.lightVerbs.includes(tail) && freq.start >= MIN_INDICATOR_CHARS) e = s + freq.start;
    else s += freq.end + rest;
  }
  for (let guard = 0; guard < MAX_TRIM_STEPS; guard++) {
    const before = text.slice(s, e);
    const cut = before.replace(qualifierEnd, '').replace(stripEnd, '');
    if (cut === before) break;
    e = s + cut.length;
  }
  s = objectStart(doc, trimLeft(doc, s, e, mentions), e);
  const phrase = text.slice(s, e);
  const sh = share.exec(phrase);
  if (sh) {
    const base = n.previous && n.previous.end <= n.start ? n.previous.indicator ?? '' : '';
    return `${base}占${sh[1]}${d.shareHead}`;
  }
  // 党外委员占62%: the share of what stands before 占.
  if (phrase.endsWith('占') && phrase.length > MIN_INDICATOR_CHARS) return phrase.slice(0, -1) + d.shareHead;
  return stripAffixes(phrase, d.indicatorStrip);
}

/** The predicate after the number up to its item's end (99.2%已经办复 → 办复). */
function followingPredicate(doc: Document, n: Counted, ceil: number): string {
  const { d, stripEnd } = c();
  const text = doc.text;
  const end = clauseEnd(text, n.after, ceil, true);
  let e = n.after;
  // Whole tokens only, at most indicatorMaxChars.
  for (let t = doc.tokens.startingAt(n.after); t >= 0 && doc.tokens.end(t) <= end && doc.tokens.end(t) - n.after <= d.indicatorMaxChars; t = doc.tokens.startingAt(doc.tokens.end(t))) e = doc.tokens.end(t);
  return stripAffixes(text.slice(n.after, e).replace(stripEnd, ''), d.indicatorStrip);
}

/** What the number at `n` counts, or null. `floor`/`ceil`: its sentence. */
export function indicatorFor(doc: Document, n: Counted, floor: number, ceil: number, mentions: OrgMention[]): string | null {
  const { d } = c();
  const following = nounPhraseAt(doc, countedNounStart(doc, n.after), d.indicatorMaxChars, d.articleUnits.includes(n.unit), d.personUnits.includes(n.unit));
  if (following.length >= MIN_INDICATOR_CHARS) return following;
  // 18个36.31万元: a number right after another counts the same thing.
  if (n.previous && n.previous.end === n.start && n.previous.indicator) return n.previous.indicator;
  const preceding = precedingPhrase(doc, n, floor, mentions);
  if (preceding.length >= MIN_INDICATOR_CHARS && !d.prepositions.includes(preceding)) return preceding;
  const predicate = followingPredicate(doc, n, ceil);
  if (predicate.length >= MIN_INDICATOR_CHARS) return predicate;
  return preceding || null;
}
