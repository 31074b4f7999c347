import type { Document } from '../model/document.js';
import type { Stage } from '../pipeline/stage.js';
import { escapeRegExp, fold } from '../util/text.js';
import { orgData, orgFor } from './orgs.js';
import { sentenceAt } from './sentences.js';
import { CN_NUMERAL_CHARS, parseNumber } from './numerals.js';
import type { OrgSystem, OrgUnit } from './types.js';

interface Compiled { suffix: RegExp; counted: RegExp; verbUnit: RegExp; systemHead: RegExp; suffixes: string[] }
const cache = new Map<string, Compiled>();

/**
 * Patterns for unit names. With deleted characters (every 党 gone) the suffixes are also matched in
 * their damaged form (临时支部 for 临时党支部), and the name is restored afterwards.
 */
function c(dropped: string[] = []): Compiled {
  const key = dropped.join('');
  const hit = cache.get(key);
  if (hit) return hit;
  const d = orgData();
  const damaged = d.unitSuffixes.flatMap((s) => dropped.map((ch) => s.split(ch).join(''))).filter((s) => s.length >= 2);
  const suffixes = [...new Set([...d.unitSuffixes, ...damaged])].sort((a, b) => b.length - a.length);
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const unit = `\\p{Script=Han}{0,8}?(?:${alt(suffixes)})`;
  const compiled: Compiled = {
    suffixes: [...d.unitSuffixes].sort((a, b) => b.length - a.length),
    suffix: new RegExp(`(?:${alt(suffixes)})$`, 'u'),
    counted: new RegExp(`(\\d+|[${CN_NUMERAL_CHARS}]+)[个家支所](${unit})(?![\\p{Script=Han}]*?(?:书记|主任|成员|组长))`, 'gu'),
    // A unit set up on its own (成立专委会分党组，), not the first item of an enumeration (包括A、B).
    verbUnit: new RegExp(`(?:${alt(d.unitVerbs)})(?:了|起)?(?:若干个?)?(?!包括)(${unit})(?=[，,。；;\\s]|$)`, 'gu'),
    systemHead: new RegExp(`的(?:${alt(d.systemHeads)})`, 'gu'),
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
  const { suffixes } = c();
  const suffix = c().suffix;
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

/** Structures (an owner and the units that make it up) and named units with their counts. */
export function extractOrgStructures(doc: Document): { systems: OrgSystem[]; units: OrgUnit[] } {
  const text = doc.text;
  const dropped = droppedChars(doc);
  const { counted, verbUnit, systemHead, suffix } = c(dropped);
  const sentences = doc.spans.sentences ?? [];
  const evidenceAt = (at: number) => {
    const s = sentenceAt(sentences, at);
    return s ? text.slice(s.start, s.end) : '';
  };
  const systems: OrgSystem[] = [];
  const units: OrgUnit[] = [];
  const restore = (u: string) => (dropped.length ? restoreUnit(u, dropped) : u);

  // "…包括A、B、C和D的组织体系", "A、B、C的模式", "“A+B”的组织体系".
  for (const m of text.matchAll(systemHead)) {
    const at = m.index!;
    const from = Math.max(text.lastIndexOf('，', at), text.lastIndexOf(',', at), text.lastIndexOf('。', at), text.lastIndexOf('；', at), text.lastIndexOf('\n', at)) + 1;
    let region = text.slice(from, at);
    const trigger = /(包括|建立了|建立起|建立|形成了|形成|构建起|构建|创建|健全)(?!.*(包括|建立|形成|构建|创建|健全))/u.exec(region);
    if (trigger) region = region.slice(trigger.index + trigger[0].length);
    region = region.replace(/^(了|起|起了)/u, '');
    let items = splitUnits(region);
    if (items.length === 1 && fold(items[0]).includes('+')) items = fold(items[0]).split('+');
    items = items.map(restore);
    const unitLike = items.filter((x) => suffix.test(x)).length;
    if (items.length < 2 || unitLike * 2 < items.length || items.some((x) => x.length > 16)) continue;
    systems.push({ owner: orgFor(doc, from), units: items, start: from, end: at + m[0].length, evidence: evidenceAt(at) });
  }
  // Counted enumerations: "11个乡镇委员联络室、9个县直委员联络组、14个…以及2个…".
  const countedAll = [...text.matchAll(counted)];
  for (const m of countedAll) {
    const count = parseNumber(m[1]);
    if (count === null || (!/\d/u.test(m[1]) && count < 2)) continue;
    const name = restore(m[2].replace(/^(各类|各级|相关)/u, ''));
    units.push({ name, count, org: orgFor(doc, m.index!), start: m.index!, end: m.index! + m[0].length, evidence: evidenceAt(m.index!) });
  }
  const groups: (typeof countedAll)[] = [];
  for (const m of countedAll) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (prev && /^(、|以及|和|及|，)$/u.test(text.slice(prev.index! + prev[0].length, m.index!))) g.push(m);
    else groups.push([m]);
  }
  for (const g of groups) {
    if (g.length < 3) continue;
    const start = g[0].index!;
    const end = g[g.length - 1].index! + g[g.length - 1][0].length;
    systems.push({ owner: orgFor(doc, start), units: g.map((m) => restore(m[2])), start, end, evidence: evidenceAt(start) });
  }
  // "成立专委会分党组", "成立若干个履职党小组": named units without a count.
  for (const m of text.matchAll(verbUnit)) {
    const name = restore(m[1]);
    if (units.some((u) => u.name === name)) continue;
    const start = m.index! + m[0].length - m[1].length;
    units.push({ name, count: null, org: orgFor(doc, m.index!), start, end: start + m[1].length, evidence: evidenceAt(start) });
  }
  const seen = new Set<string>();
  const distinct = systems.filter((x) => {
    const key = [...x.units].sort().join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { systems: distinct, units };
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
