import type { Document } from '../model/document.js';
import type { Tokens } from '../model/tokens.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp } from '../util/text.js';
import { clauseStart, clausesIn } from './clauses.js';
import { mentionCovering } from './mentions.js';
import { CN_NUMERAL_CHARS } from '../util/numerals.js';
import { NOUNISH, isNounToken } from './pos.js';
import { sentenceIndexAt } from './sentences.js';
import { findTimePhrases, isWholeYear, isYear, resolveRelativeDay, type TimePhrase } from './timePhrases.js';
import type { OrgMention } from '../model/results.js';

/**
 * Whose and when, by grammar: each clause's subject (an org or a named unit in the subject slot, after
 * connectives and time phrases) and its topic time phrase (one that opens the clause or follows its
 * subject). A clause without a subject of its own takes the last one of its sentence, paragraph or
 * document; one without a time phrase takes the topic of its sentence or paragraph, or the document's
 * lead date.
 */

interface AttributionData {
  leadFillers: string[];
  memberNouns: string[];
  personNouns: string[];
  speechVerbs: string[];
  speechFrameMaxChars: number;
  unitDeterminers: string[];
  unitMaxChars: number;
}

export interface Subject {
  start: number;
  end: number;
  name: string;
  /** Too general to say whose a number is (政协, 人民政协): a specific subject before it that contains it wins. */
  weak: boolean;
  /** A named unit (该工作室, 委员工作室) rather than an org mention. */
  unit: boolean;
  sentence: number;
  paragraph: number;
  /**
   * A subject in its own sentence only: the speaker of reported speech (检察院指控：…), or a quantified
   * body (各县区政协, 全省各级政协) that names no one owner to carry on.
   */
  local: boolean;
}

export type Scope = 'clause' | 'sentence' | 'paragraph' | 'document';

interface Analysis {
  subjects: Subject[];
  times: TimePhrase[];
  /** Time phrases that open a clause or follow its subject: they date the clauses after them. */
  topics: (TimePhrase & { paragraph: number })[];
  /** A date in the first LEAD_SENTENCES sentences: the document's dateline or lead. */
  lead: TimePhrase | null;
}

/** Words a clause opens with before its subject (一是，同时，2023年以来，…): a few at most; the bound only stops a runaway loop. */
const MAX_LEAD_WORDS = 8;
/** Titles chained before a name (区委书记、区长王某): two or three; four is the most read. */
const MAX_TITLES = 4;

/** A dateline or lead date (a calendar date: 12月28日, 2022年) stands in the first sentence, or the second after an opener (央视网消息：…。…3日下午…); later dates are events of the story. */
const LEAD_SENTENCES = 2;

let compiled: { d: AttributionData; core: RegExp; quantifier: RegExp; filler: RegExp; member: RegExp; person: RegExp; speech: RegExp; determiner: RegExp; unitSuffix: RegExp; weak: RegExp; suffixes: string[] } | null = null;
function c() {
  if (compiled) return compiled;
  const d = loadJson<AttributionData>('extract', 'attribution.json');
  const orgs = loadJson<{ core: string[]; quantifier: string[]; weak: string }>('extract', 'orgs.json');
  // Unit names (委员工作室, 议事堂…) have one list, with the org structures' vocabulary.
  const units = loadJson<{ unitSuffixes: string[] }>('extract', 'structures.json');
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const suffixes = [...units.unitSuffixes].sort((a, b) => b.length - a.length);
  compiled = {
    d,
    core: new RegExp(`^(?:${alt(orgs.core)})$`, 'u'),
    quantifier: new RegExp(`^(?:${alt(orgs.quantifier)})`, 'u'),
    filler: new RegExp(`^(?:${d.leadFillers.join('|')})`, 'u'),
    member: new RegExp(`^(?:${alt(d.memberNouns)})`, 'u'),
    // A title with its ranks (常务副主席); 主席会议 and 主任会议 are bodies, not the 主席.
    person: new RegExp(`^(?:${alt(titleWords().ranks)})*(?:${alt([...d.personNouns, ...titleWords().roles])})(?!会)`, 'u'),
    speech: new RegExp(`(?:${alt(d.speechVerbs)})$`, 'u'),
    determiner: new RegExp(`^(?:${alt(d.unitDeterminers)})`, 'u'),
    unitSuffix: new RegExp(`(?:${alt(suffixes)})$`, 'u'),
    weak: new RegExp(orgs.weak, 'u'),
    suffixes,
  };
  return compiled;
}

/** Connectives, datelines and list markers that may open a clause (attribution.json leadFillers), anchored at the start. */
export function leadFiller(): RegExp {
  return c().filler;
}

/** A word naming people: members of a body (委员, 党员委员) or a person noun or title (领导, 主任). */
export function isPersonWord(word: string): boolean {
  const { d } = c();
  return d.memberNouns.includes(word) || d.personNouns.includes(word) || titleWords().roles.includes(word);
}

/** The head words and ranks of titles (pipelines/extract/people-titles.json, the people stage's title grammar). */
function titleWords(): { roles: string[]; ranks: string[] } {
  return loadJson<{ roles: string[]; ranks: string[] }>('extract', 'people-titles.json');
}

/**
 * Length of a person named at `at` by org, titles and name (市政协主席李明, 区委书记、区长王某), or 0: the
 * agent of a clause, never part of what it counts.
 */
export function personAt(doc: Document, at: number, mentions: OrgMention[]): number {
  const { member, person } = c();
  const text = doc.text;
  let pos = at;
  const org = mentionCovering(mentions, at);
  if (org?.start === at) pos = org.end;
  let titled = false;
  for (let guard = 0; guard < MAX_TITLES; guard++) {
    const rest = text.slice(pos);
    const title = member.test(rest) ? null : person.exec(rest);
    if (!title) break;
    titled = true;
    pos += title[0].length;
    if (text[pos] === '、') pos++;
  }
  const name = titled ? doc.tokens.startingAt(pos) : -1;
  // jieba tags a name it does not know x (李明/x).
  const isName = name >= 0 && (/^nr/u.test(doc.tokens.pos(name)) || (doc.tokens.pos(name) === 'x' && /^\p{Script=Han}{2,3}$/u.test(doc.tokens.surface(text, name))));
  return isName ? doc.tokens.end(name) - at : 0;
}

const cache = new WeakMap<Tokens, Analysis>();

function analysis(doc: Document): Analysis {
  const hit = cache.get(doc.tokens);
  if (hit) return hit;
  const a = analyse(doc);
  cache.set(doc.tokens, a);
  return a;
}

function analyse(doc: Document): Analysis {
  const { filler } = c();
  const text = doc.text;
  const mentions = new Map<number, OrgMention>();
  for (const s of doc.spans.orgs ?? []) {
    const o = s.attrs as unknown as OrgMention;
    mentions.set(o.start, o);
  }
  const times = findTimePhrases(text);
  const timeAt = new Map(times.map((t) => [t.start, t]));
  const subjects: Subject[] = [];
  const topics: Analysis['topics'] = [];
  let lead: TimePhrase | null = null;
  let ti = 0;
  (doc.spans.sentences ?? []).forEach((s, si) => {
    const paragraph = Number(s.attrs?.paragraph ?? 0);
    for (const [cs, ce] of clausesIn(text, s.start, s.end)) {
      // The subject slot: past spaces, connectives, list markers and leading time phrases.
      let slot = cs;
      const leading: TimePhrase[] = [];
      for (let guard = 0; guard < MAX_LEAD_WORDS && slot < ce; guard++) {
        const space = /^\s+/u.exec(text.slice(slot, ce));
        const t = timeAt.get(slot);
        const f = filler.exec(text.slice(slot, ce));
        if (space) slot += space[0].length;
        else if (t && t.end <= ce) { leading.push(t); slot = t.end; }
        else if (f && f[0]) slot += f[0].length;
        else break;
      }
      const subject = subjectAt(doc, mentions, subjects, slot, ce);
      if (subject) subjects.push({ ...subject, sentence: si, paragraph });
      // A time phrase after the clause's subject noun phrase (市长张华今天下午在…) dates it as one before it does.
      while (ti < times.length && times[ti].start <= slot) ti++;
      const after = leading.length || ti >= times.length || times[ti].end > ce ? null : times[ti];
      if (after && nounsOnly(doc, slot, after.start)) leading.push(after);
      for (const t of leading) {
        if (t.frequency) continue;
        topics.push({ ...t, paragraph });
        if (!lead && si < LEAD_SENTENCES && /\d/u.test(t.surface)) lead = t;
      }
    }
  });
  return { subjects, times, topics, lead };
}

/** Every token of [from, to) is noun-like or a numeral (中国人民政治协商会议第十三届全国委员会第二次会议). */
function nounsOnly(doc: Document, from: number, to: number): boolean {
  const [a, b] = doc.tokens.overlapping(from, to);
  if (a >= b) return false;
  for (let i = a; i < b; i++) if (!NOUNISH.test(doc.tokens.pos(i)) && !/^(m|q)$/u.test(doc.tokens.pos(i))) return false;
  return true;
}

type Found = Omit<Subject, 'sentence' | 'paragraph'>;

/** The subject standing at `slot`: a named unit, an org (with its members), or null (none, or a person). */
function subjectAt(doc: Document, mentions: Map<number, OrgMention>, earlier: Subject[], slot: number, end: number): Found | null {
  const { d, member, person, speech, weak, quantifier } = c();
  const text = doc.text;
  const unit = unitAt(doc, mentions, earlier, slot, end);
  const frame = (from: number) => {
    const rest = text.slice(from, end);
    return rest.length <= d.speechFrameMaxChars && speech.test(rest) && /^[：:，,]/u.test(text.slice(end, end + 1));
  };
  if (unit) return { ...unit, local: frame(unit.end) };
  // A province before a body that carries its city (江西省 + 青山市中级人民法院).
  for (let t = doc.tokens.startingAt(slot); t >= 0 && doc.tokens.pos(t) === 'ns' && !mentions.has(slot); t = doc.tokens.startingAt(slot)) slot = doc.tokens.end(t);
  const m = mentions.get(slot);
  if (!m) return null;
  // 区委区政府领导, 全国政协和市委: a chain of bodies before a person or a verb.
  let last = m;
  for (;;) {
    const join = /^[和与及、]?/u.exec(text.slice(last.end))![0];
    const next = mentions.get(last.end + join.length);
    if (!next || next.end > end) break;
    last = next;
  }
  const rest = text.slice(last.end, end);
  if (!member.test(rest) && person.test(rest)) return null;
  if (modifiesCount(doc, last.end, end)) return null;
  const quantified = quantifier.test(m.surface);
  const name = weak.test(m.name) && quantified ? m.surface : m.name;
  return { start: m.start, end: m.end, name, weak: weak.test(m.name), unit: false, local: quantified || frame(last.end) };
}

/** A numeral token (42, 三十, 1.5万): jieba tags time words m too (全年/m). */
const NUMERAL = new RegExp(`^[\\d${CN_NUMERAL_CHARS}]`, 'u');

/** Only nouns stand between the org and a number (政协各专门委员会提案42件): the org names a kind of what is counted, it does not act. */
function modifiesCount(doc: Document, from: number, end: number): boolean {
  // The org may end inside a token (政协 of 政协委员): start at that token.
  const first = doc.tokens.startingAt(from) >= 0 ? doc.tokens.startingAt(from) : doc.tokens.covering(from);
  let nouns = 0;
  for (let t = first; t >= 0 && doc.tokens.end(t) <= end; t = doc.tokens.startingAt(doc.tokens.end(t))) {
    // A count right after the body is adverbial (市委常委会13次研究…): the body acts.
    if (doc.tokens.pos(t) === 'm' && NUMERAL.test(doc.tokens.surface(doc.text, t))) return nouns > 0;
    if (!isNounToken(doc, t)) return false;
    if (doc.tokens.start(t) >= from) nouns++;
  }
  // No number: the clause is about the body (jieba may tag its predicate as a noun: 高度重视/l).
  return false;
}

/**
 * A named unit as subject: a run of noun tokens from the slot that ends in a unit suffix (青山区河口镇政协
 * 委员工作室于…). A determiner (该工作室) or a bare suffix (工作室每季度…) names the last unit with that suffix.
 */
function unitAt(doc: Document, mentions: Map<number, OrgMention>, earlier: Subject[], slot: number, end: number): Found | null {
  const { d, determiner, unitSuffix, suffixes } = c();
  const text = doc.text;
  const det = determiner.exec(text.slice(slot, end))?.[0] ?? '';
  const from = slot + det.length;
  let to = from;
  for (let t = doc.tokens.startingAt(from); t >= 0 && doc.tokens.end(t) <= end; t = doc.tokens.startingAt(doc.tokens.end(t))) {
    // An adjective before a noun is part of the name (jieba tags the first syllable of some places a).
    const modifier = /^(a|b)$/u.test(doc.tokens.pos(t)) && doc.tokens.end(t) < end && isNounToken(doc, doc.tokens.startingAt(doc.tokens.end(t)));
    if ((!isNounToken(doc, t) && !modifier) || doc.tokens.end(t) - from > d.unitMaxChars) break;
    to = doc.tokens.end(t);
  }
  const name = text.slice(from, to);
  if (!name || !unitSuffix.test(name)) return null;
  if (suffixes.includes(name) || (det && !/^我/u.test(det))) {
    const named = [...earlier].reverse().find((s) => s.unit && s.name.endsWith(name));
    return named ? { start: slot, end: to, name: named.name, weak: false, unit: true, local: false } : null;
  }
  // Only a unit named by its place or body is an owner of its own (青山区河口镇…委员工作室); a generic one
  // (机关党支部) works inside the org the clause is about.
  const suffix = unitSuffix.exec(name)![0].length;
  let named = false;
  for (let t = doc.tokens.startingAt(from); t >= 0 && doc.tokens.end(t) <= to - suffix; t = doc.tokens.startingAt(doc.tokens.end(t))) {
    if (doc.tokens.pos(t) === 'ns' || mentions.has(doc.tokens.start(t))) named = true;
  }
  if (!named) return null;
  return { start: slot, end: to, name, weak: false, unit: true, local: false };
}

/**
 * The subject a clause at `offset` is about, and how far it was carried: its own (before the offset),
 * its sentence's, its paragraph's or the document's last one. A weak subject (政协) gives way to the last
 * specific one that contains it (青山区政协), a sub-body the body its sentence is about; `weak` says
 * none did, `start` is where the subject stands.
 */
export function subjectFor(doc: Document, offset: number): { name: string; start: number; scope: Scope; weak: boolean } | null {
  const { subjects } = analysis(doc);
  const sentences = doc.spans.sentences ?? [];
  const si = sentenceIndexAt(sentences, offset);
  const sent = si >= 0 ? sentences[si] : null;
  const paragraph = Number(sent?.attrs?.paragraph ?? -1);
  const from = clauseStart(doc.text, offset, sent?.start ?? 0);
  let k = lastBefore(subjects, offset, (s) => s.start);
  while (k >= 0 && subjects[k].local && subjects[k].sentence !== si) k--;
  if (k < 0) return null;
  const s = subjects[k];
  const scope: Scope = s.sentence !== si ? (s.paragraph === paragraph ? 'paragraph' : 'document') : s.start >= from ? 'clause' : 'sentence';
  if (s.weak) {
    for (let i = k - 1; i >= 0; i--) if (!subjects[i].weak && subjects[i].name.includes(s.name)) return { name: subjects[i].name, start: s.start, scope, weak: false };
  }
  // A part of the body the sentence is about (中共青山市委…，市委常委会9次研究…) counts for that body.
  const parent = k > 0 && subjects[k - 1].sentence === s.sentence ? subjects[k - 1] : null;
  if (parent && !parent.weak && partOf(s.name, parent.name)) return { name: parent.name, start: s.start, scope, weak: false };
  return { name: s.name, start: s.start, scope, weak: s.weak };
}

/** `part` names a sub-body of `body`: it starts with the body's own core (青山市委 → 市委常委会, 河口县政协 → 县政协党组). */
function partOf(part: string, body: string): boolean {
  for (let k = Math.min(body.length, part.length - 1); k >= 2; k--) {
    const core = body.slice(-k);
    if (part.startsWith(core) && c().core.test(core)) return true;
  }
  return false;
}

/** Index of the last item whose key is before `offset` (items sorted by key), or -1. */
function lastBefore<T>(xs: T[], offset: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The time phrase that scopes a number at `offset`: a rate after its unit (元/年), else the last time
 * phrase of its own clause (a frequency only ever scopes its clause), else the last topic of its
 * paragraph, else the document's lead date. 全年 takes the year in scope; 今天 and 3日 are dated from
 * the publication date.
 */
export function periodFor(doc: Document, offset: number, perUnit: string | null): string | null {
  if (perUnit) return perUnit;
  const { times, topics, lead } = analysis(doc);
  const sentences = doc.spans.sentences ?? [];
  const si = sentenceIndexAt(sentences, offset);
  const sent = si >= 0 ? sentences[si] : null;
  const paragraph = Number(sent?.attrs?.paragraph ?? -1);
  const from = clauseStart(doc.text, offset, sent?.start ?? 0);
  const k = lastBefore(times, offset + 1, (t) => t.end);
  const own = k >= 0 && times[k].start >= from ? times[k] : null;
  const topic = (before: number) => {
    const i = lastBefore(topics, before + 1, (t) => t.end);
    return i >= 0 && topics[i].paragraph === paragraph ? topics[i] : lead && lead.end <= before ? lead : null;
  };
  const chosen = own ?? topic(offset);
  if (!chosen) return null;
  if (!chosen.frequency && isWholeYear(chosen.surface)) {
    const year = topic(chosen.start);
    return year && isYear(year.surface) ? year.surface : chosen.surface;
  }
  return resolveRelativeDay(chosen.surface, doc.meta.date);
}
