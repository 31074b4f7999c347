import type { Document } from '../model/document.js';
import type { Stage } from '../model/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp, fold } from '../util/text.js';
import { clauseStart } from './mechanisms/components.js';
import { orgFor } from './orgs.js';
import { sentenceAt } from './sentences.js';
import { CN_NUMERAL_CHARS, parseNumber } from '../util/numerals.js';
import type { OrgSystem, OrgUnit } from '../model/results.js';

/** pipelines/extract/structures.json: what a unit ends with, what sets one up, what a system is called. */
interface StructData {
  unitSuffixes: string[];
  maxUnitPrefix: number;
  unitVerbs: string[];
  unitClassifiers: string;
  maskedDigits: string;
  countQualifiers: string[];
  titlesAfter: string[];
  quotaCue: string;
  genericPrefixes: string[];
  anaphors: string[];
  foundingCue: string;
  organs: string[];
  organCue: string;
  bodySuffixes: string[];
  systemHeads: string[];
  systemTriggers: string[];
  labelClassifiers: string;
  minParallelUnits: number;
}

const data = () => loadJson<StructData>('extract', 'structures.json');

interface Compiled {
  suffixes: string[];
  suffix: RegExp;
  body: RegExp;
  counted: RegExp;
  countAfter: RegExp;
  listed: RegExp;
  verbUnit: RegExp;
  founded: RegExp;
  organ: RegExp;
  systemHead: RegExp;
  countedLabel: RegExp;
  trigger: RegExp;
  masked: RegExp;
}
const cache = new Map<string, Compiled>();
const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

/**
 * Patterns for unit names. With deleted characters (every 党 gone) the suffixes are also matched in
 * their damaged form (临时支部 for 临时党支部), and the name is restored afterwards.
 */
function c(dropped: string[] = []): Compiled {
  const key = dropped.join('');
  const hit = cache.get(key);
  if (hit) return hit;
  const d = data();
  const damaged = d.unitSuffixes.flatMap((s) => dropped.map((ch) => s.split(ch).join(''))).filter((s) => s.length >= 2);
  const suffixes = [...new Set([...d.unitSuffixes, ...damaged])];
  // A parenthesised note inside or after a name (村(社区)协商驿站, 委员工作站(室)) belongs to it.
  // A name may be quoted after its count (260个村(社区)“协商驿站”); the quotes are dropped from it.
  const note = '[(（][\\p{Script=Han}、]{1,6}[)）]';
  const unit = `(?:\\p{Script=Han}|${note}|[“"]){0,${d.maxUnitPrefix}}?(?:${alt(suffixes)})[”"]?(?:[(（]\\p{Script=Han}{1,2}[)）])?`;
  const count = `\\d+|[${CN_NUMERAL_CHARS}]+|[${d.maskedDigits}]+`;
  const compiled: Compiled = {
    suffixes: [...d.unitSuffixes].sort((a, b) => b.length - a.length),
    suffix: new RegExp(`(?:${alt(suffixes)})(?:[(（]\\p{Script=Han}{1,2}[)）])?$`, 'u'),
    body: new RegExp(`(?:${alt([...suffixes, ...d.bodySuffixes])})$`, 'u'),
    counted: new RegExp(`(${count})[${d.unitClassifiers}](${unit})(?![\\p{Script=Han}]*?(?:${alt(d.titlesAfter)}))`, 'gu'),
    countAfter: new RegExp(`(?:${alt(d.unitVerbs)})了?(${unit})(?:${alt(d.countQualifiers)})?(\\d+|[${CN_NUMERAL_CHARS}]+)[${d.unitClassifiers}]`, 'gu'),
    listed: new RegExp(`等(?:${count})[${d.unitClassifiers}类种]`, 'gu'),
    // A unit set up on its own (成立专委会分党组，), not the first item of an enumeration (包括A、B).
    verbUnit: new RegExp(`(?:${alt(d.unitVerbs)})(?:了|起)?(?:若干个?)?(?!包括)(${unit})(?=[，,。；;\\s]|$)`, 'gu'),
    founded: new RegExp(`(?<=^|[\\s，,。；;：:])(${unit})(?=${d.foundingCue})`, 'gu'),
    organ: new RegExp(`${d.organCue}(${alt(d.organs)})`, 'gu'),
    // 的组织体系 after a list of units, or a quoted label before it (A、B和C“五位一体”组织体系).
    systemHead: new RegExp(`(?:的|[“"「]([^”"」]{1,12})[”"」]的?)(?:${alt(d.systemHeads)})`, 'gu'),
    countedLabel: new RegExp(`([${CN_NUMERAL_CHARS}]+)[${d.labelClassifiers}]`, 'gu'),
    trigger: new RegExp(`(?:${alt(d.systemTriggers)})(?!.*(?:${alt(d.systemTriggers)}))`, 'u'),
    masked: new RegExp(`^[${d.maskedDigits}]+$`, 'u'),
  };
  cache.set(key, compiled);
  return compiled;
}

/** Characters the document is flagged as missing (every 党 deleted). */
function droppedChars(doc: Document): string[] {
  return doc.flags.filter((f) => f.ruleId === 'damage.droppedCharacter').map((f) => String(f.data?.char ?? '')).filter(Boolean);
}

/**
 * Restore a unit name damaged by a deleted character: insert the character where the result ends in a
 * known unit suffix that spans the insertion (政协组 → 政协党组, 各支部 → 各党支部).
 */
export function restoreUnit(name: string, dropped: string[]): string {
  const { suffixes, suffix } = c();
  if (suffix.test(name) && !dropped.some((ch) => suffixes.some((s) => s.includes(ch) && name.endsWith(s.replace(ch, '')) && !name.endsWith(s)))) return name;
  for (const ch of dropped) {
    for (let i = name.length - 1; i >= 0; i--) {
      const candidate = name.slice(0, i) + ch + name.slice(i);
      const s = suffixes.find((x) => candidate.endsWith(x));
      if (s && candidate.length - s.length <= i) return candidate;
    }
  }
  return name;
}

function splitUnits(region: string): string[] {
  return region.split(/、|以及|和|及/u).map((s) => s.replace(/[“”"]/gu, '').trim()).filter((s) => s.length >= 2);
}

/**
 * The items listed in the clause right before `at`: from the last verb that opens a list (包括, 建立,
 * 统筹…), past an attributive that ends in 的 (统一高效、运转有序的A、B和C), split on 、/和/及.
 */
function itemsBefore(text: string, at: number, trigger: RegExp): string[] {
  let region = text.slice(clauseStart(text, at), at);
  const t = trigger.exec(region);
  if (t) region = region.slice(t.index + t[0].length);
  region = region.replace(/^(了|起|起了)/u, '');
  const de = region.lastIndexOf('的');
  if (de >= 0 && /[、和及]/u.test(region.slice(de + 1))) region = region.slice(de + 1);
  return splitUnits(region);
}

/** Units listed together or opening consecutive clauses of one sentence, in the order found. */
function parallelGroups(text: string, found: RegExpMatchArray[], sentenceOf: (at: number) => number): RegExpMatchArray[][] {
  const opensClause = (at: number) => at === 0 || /[，,；;\n]/u.test(text[at - 1]);
  const groups: RegExpMatchArray[][] = [];
  for (const m of found) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    const listed = prev && /^(、|以及|和|及|，|,)$/u.test(text.slice(prev.index! + prev[0].length, m.index!));
    const parallel = prev && opensClause(prev.index!) && opensClause(m.index!) && sentenceOf(prev.index!) === sentenceOf(m.index!);
    if (listed || parallel) g.push(m);
    else groups.push([m]);
  }
  return groups;
}

/** Structures (an owner and the units that make it up) and named units with their counts. */
export function extractOrgStructures(doc: Document): { systems: OrgSystem[]; units: OrgUnit[] } {
  const text = doc.text;
  const dropped = droppedChars(doc);
  const { counted, countAfter, listed, verbUnit, founded, organ, systemHead, countedLabel, trigger, suffix, body, masked } = c(dropped);
  const d = data();
  const sentences = doc.spans.sentences ?? [];
  const evidenceAt = (at: number) => {
    const s = sentenceAt(sentences, at);
    return s ? text.slice(s.start, s.end) : '';
  };
  const systems: OrgSystem[] = [];
  const units: OrgUnit[] = [];
  const restore = (u: string) => (dropped.length ? restoreUnit(u, dropped) : u);
  const addSystem = (items: string[], start: number, end: number) => systems.push({ owner: orgFor(doc, start), units: items.map(restore), start, end, evidence: evidenceAt(start) });
  const verbInside = new RegExp(alt(d.unitVerbs), 'u');
  const quota = new RegExp(d.quotaCue, 'u');
  const addUnit = (name: string, count: number | null, start: number, end: number) => {
    const clean = restore(name.replace(/[“”"]/gu, '').replace(new RegExp(`^(?:${alt(d.genericPrefixes)})`, 'u'), ''));
    if (d.anaphors.some((a) => clean.startsWith(a))) return;
    units.push({ name: clean, count, org: orgFor(doc, start), start, end, evidence: evidenceAt(start) });
  };

  // "…包括A、B、C和D的组织体系", "A、B、C的模式", "“A+B”的组织体系", "A、B和C“五位一体”组织体系".
  for (const m of text.matchAll(systemHead)) {
    const at = m.index!;
    let items = itemsBefore(text, at, trigger);
    const label = m[1] ? fold(m[1]) : '';
    if (items.length === 1 && fold(items[0]).includes('+')) items = fold(items[0]).split('+');
    else if (!items.length && label.includes('+')) items = label.split('+');
    items = items.map(restore);
    const unitLike = items.filter((x) => suffix.test(x)).length;
    if (items.length < 2 || unitLike * 2 < items.length || items.some((x) => x.length > 16)) continue;
    addSystem(items, clauseStart(text, at), at + m[0].length);
  }
  // "市政协和县区政协两支力量": bodies that a counted label with the same numeral sums up.
  for (const m of text.matchAll(countedLabel)) {
    const n = parseNumber(m[1]);
    const items = itemsBefore(text, m.index!, trigger).map(restore);
    if (n === null || n < 2 || items.length !== n || !items.every((x) => body.test(x))) continue;
    addSystem(items, clauseStart(text, m.index!), m.index! + m[0].length);
  }
  // Counted units: "8个乡镇委员联络室、5个县直委员联络组", "X个党支部" (a masked figure is no count).
  const countedAll = [...text.matchAll(counted)];
  for (const m of countedAll) {
    const count = masked.test(m[1]) ? null : parseNumber(m[1]);
    if (!masked.test(m[1]) && (count === null || (!/\d/u.test(m[1]) && count < 2))) continue;
    // 联系1-2个民主党派或界别, 每名委员联系3个界别: a range or a count per person is a quota, not a
    // count of units; 8个街道开设委员工作站 counts places.
    const range = /\d\s*[-–—~～至到]\s*$/u.test(text.slice(Math.max(0, m.index! - 4), m.index!));
    if (range || quota.test(text.slice(clauseStart(text, m.index!), m.index!)) || verbInside.test(m[2])) continue;
    addUnit(m[2], count, m.index!, m.index! + m[0].length);
  }
  // "设立A、B和C等14个基层阵地": the units listed before 等 and a count make up a system.
  for (const m of text.matchAll(listed)) {
    const items = itemsBefore(text, m.index!, trigger).map(restore);
    if (items.length >= 2 && items.every((x) => suffix.test(x))) addSystem(items, clauseStart(text, m.index!), m.index! + m[0].length);
  }
  const sentenceOf = (at: number) => sentenceAt(sentences, at)?.start ?? -1;
  for (const g of parallelGroups(text, countedAll, sentenceOf)) {
    if (g.length < d.minParallelUnits) continue;
    addSystem(g.map((m) => m[2]), g[0].index!, g[g.length - 1].index! + g[g.length - 1][0].length);
  }
  // "建设委员工作站近千个": the count written after the unit.
  for (const m of text.matchAll(countAfter)) {
    const count = parseNumber(m[2]);
    const start = m.index! + m[0].indexOf(m[1]);
    if (count !== null && count >= 2) addUnit(m[1], count, start, m.index! + m[0].length);
  }
  // "成立专委会分党组", "成立若干个履职党小组", "某镇政协委员工作室于…揭牌成立", "…及其常务委员会": units without a count.
  const uncounted = [...text.matchAll(verbUnit)].map((m) => ({ name: m[1], start: m.index! + m[0].length - m[1].length }));
  for (const m of text.matchAll(founded)) uncounted.push({ name: m[1], start: m.index! });
  for (const m of text.matchAll(organ)) uncounted.push({ name: m[1], start: m.index! + m[0].length - m[1].length });
  for (const u of uncounted.sort((a, b) => a.start - b.start)) addUnit(u.name, null, u.start, u.start + u.name.length);

  return { systems: distinctSystems(systems), units: distinctUnits(units) };
}

/** One system per set of units (the same list may be matched by two cues). */
function distinctSystems(systems: OrgSystem[]): OrgSystem[] {
  const seen = new Set<string>();
  return systems.filter((x) => {
    const key = [...x.units].sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * One unit per name: a repeated mention is the same unit, an uncounted mention of a counted unit adds
 * nothing, and an uncounted name that ends another uncounted name (临时党支部 beside 专委会临时党支部)
 * is that unit written short.
 */
function distinctUnits(units: OrgUnit[]): OrgUnit[] {
  return units.filter((u, i) => !units.some((v, j) => {
    if (j === i) return false;
    if (v.name === u.name) return v.count === u.count ? j < i : u.count === null;
    return u.count === null && v.count === null && v.name.endsWith(u.name);
  }));
}

export const orgStructuresStage: Stage = {
  id: 'extract.orgStructures@1',
  requires: ['sentences', 'orgs'],
  provides: ['org_systems', 'org_units'],
  run(doc: Document): Document {
    const { systems, units } = extractOrgStructures(doc);
    doc.extracted.org_systems = systems;
    doc.extracted.org_units = units;
    return doc;
  },
};
