import type { Document } from '../model/document.js';
import type { Stage } from '../pipeline/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp, fold } from '../util/text.js';
import { englishName, lexicon } from './lexicon.js';
import { orgFor } from './orgs.js';
import { sentenceAt } from './sentences.js';
import type { Mechanism } from './types.js';

interface MechData {
  numeralChars: string;
  numeralValues: Record<string, number>;
  classifiers: string;
  categoryModifiers: string[];
  categoryHeads: string[];
  introVerbs: string[];
  systemVerbs: string[];
  systemHeads: string[];
  dateNames: string[];
  idioms: string[];
  honourCue: string;
  countingOnly: string;
  maxQuotedNumbered: number;
  maxQuotedNamed: number;
  minNamedLength: number;
  componentStrip: string[];
  componentTrailStrip: string[];
  definitionCue: string;
  ordinalItem: string;
  ordinalWindow: number;
  systemFollowBlock: string;
}

interface Compiled {
  d: MechData;
  numeral: RegExp;
  category: RegExp;
  introBefore: RegExp;
  honour: RegExp;
  countingOnly: RegExp;
  chain: RegExp;
  counted: RegExp;
  compound: RegExp;
  systemNamed: RegExp;
  definition: RegExp;
  ordinal: RegExp;
}

let compiled: Compiled | null = null;
function c(): Compiled {
  if (compiled) return compiled;
  const d = loadJson<MechData>('extract', 'mechanisms.json');
  const byLen = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const N = `[${d.numeralChars}]`;
  const systemItem = `[^\\p{P}\\s的等各和]{4,14}?(?:${byLen(d.systemHeads)})`;
  compiled = {
    d,
    numeral: new RegExp(`${N}|\\d`, 'u'),
    category: new RegExp(`^(?:的)?((?:${byLen(d.categoryModifiers)}){0,2}(?:${byLen(d.categoryHeads)}))`, 'u'),
    introBefore: new RegExp(`(?:${byLen(d.introVerbs)})了?$`, 'u'),
    honour: new RegExp(d.honourCue, 'u'),
    countingOnly: new RegExp(d.countingOnly, 'u'),
    // 三会一课, 四议两公开, 两不愁三保障, 四联两评双促双提: numeral + 1-3 characters, two or more times.
    chain: new RegExp(`(?:${N}[^${d.numeralChars}\\s\\p{P}\\d]{1,3}){2,4}`, 'gu'),
    // 四个落实, 三级评议, 四张责任清单: numeral + classifier + a 2-4 character head.
    counted: new RegExp(`${N}[${d.classifiers}][\\p{Script=Han}]{2,4}`, 'gu'),
    compound: new RegExp(`[\\p{Script=Han}\\d]{1,8}(?:\\+[\\p{Script=Han}\\d]{1,8})+`, 'gu'),
    // Items exclude 和 so that a coordination (A制度和B制度) splits cleanly.
    systemNamed: new RegExp(`(?:${byLen(d.systemVerbs)})((?:${systemItem})(?:和(?:${systemItem}))*)`, 'gu'),
    definition: new RegExp(d.definitionCue, 'u'),
    ordinal: new RegExp(d.ordinalItem, 'gu'),
  };
  return compiled;
}

/** The count a label announces: 四个一 → 4, 1234 → 4, 四联两评双促双提 → 10, 党组+委员+基地 → 3. */
export function expectedCount(label: string): number | null {
  const { d } = c();
  const plain = fold(label);
  if (/\+/u.test(plain)) return /\d/u.test(plain) ? null : plain.split('+').length;
  if (/^\d{2,6}$/u.test(plain)) return plain.length;
  const counted = new RegExp(`^([${d.numeralChars}])[${d.classifiers}]`, 'u').exec(plain);
  if (counted) return d.numeralValues[counted[1]] ?? null;
  let sum = 0;
  for (const ch of plain) sum += d.numeralValues[ch] ?? 0;
  return sum || null;
}

function kindOf(name: string): Mechanism['kind'] {
  if (fold(name).includes('+')) return 'compound';
  return c().numeral.test(name) ? 'numbered' : 'named';
}

function isIdiomOrDate(name: string): boolean {
  const { d } = c();
  return d.dateNames.includes(name) || d.idioms.includes(name);
}

/** Strip enumeration glue from a component: leading verbs (通过实施), trailing 这/的/等. */
function cleanComponent(s: string): string {
  const { d } = c();
  let out = s.replace(/[“”"「」]/gu, '').trim();
  out = out.replace(/^[“"]?[\d一二三四五六七八九十][”"]?是/u, '');
  for (let changed = true; changed;) {
    changed = false;
    for (const p of d.componentStrip) if (out.startsWith(p) && out.length > p.length + 1) { out = out.slice(p.length); changed = true; }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const p of d.componentTrailStrip) if (out.endsWith(p) && out.length > p.length + 1) { out = out.slice(0, -p.length); changed = true; }
  }
  return out.trim();
}

/** Split an enumeration on 、 (not inside quotes). */
function splitEnumeration(s: string, sep = /[、]/u): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '“' || ch === '「') depth++;
    if (ch === '”' || ch === '」') depth = Math.max(0, depth - 1);
    if (depth === 0 && sep.test(ch)) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

interface Candidate {
  start: number;
  end: number;
  name: string;
  surface: string;
  category: string | null;
  source: string;
  components: string[];
  /** Quoted spans listed right before 等“LABEL” are components of that label, not mechanisms. */
  componentOf?: number;
}

const QUOTE = /[“"「]([^”"」\n]{1,40})[”"」]/gu;

/** Quoted spans: numbered labels, A+B frameworks, and named programmes with a category word or introducing verb. */
function quotedCandidates(text: string): Candidate[] {
  const { d, numeral, category, introBefore, honour, countingOnly } = c();
  const quotes = [...text.matchAll(QUOTE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, name: m[1].trim() }));
  const between = (a: number, b: number) => text.slice(quotes[a].end, quotes[b].start);
  const judged = quotes.map((q) => {
    const after = text.slice(q.end, q.end + 12);
    const before = text.slice(Math.max(0, q.start - 8), q.start);
    const cat = category.exec(after)?.[1] ?? null;
    const counting = countingOnly.test(q.name);
    const numbered = numeral.test(q.name) && !counting;
    const compound = fold(q.name).includes('+');
    const filtered = q.name.length < d.minNamedLength || /[。！？；]/u.test(q.name) || honour.test(after) || isIdiomOrDate(q.name);
    const strong = !filtered && (numbered || compound) && q.name.length <= d.maxQuotedNumbered && !/[，,]/u.test(q.name);
    const named = !filtered && !numbered && q.name.length <= d.maxQuotedNamed && (!!cat || introBefore.test(before));
    const source = compound ? 'quoted-compound' : numbered ? 'quoted-numbered' : 'quoted-named';
    return { ...q, cat, strong, named, filtered, source };
  });
  const out: Candidate[] = [];
  for (let i = 0; i < judged.length; i++) {
    // A chain of adjacent quotes (“A”“B”, “A”、“B”).
    let j = i;
    while (j + 1 < judged.length && /^[、和及与]?$/u.test(between(j, j + 1))) j++;
    if (j + 1 < judged.length && /^等$/u.test(between(j, j + 1))) {
      // “A”“B”等“LABEL”: A and B spell out LABEL and are not mechanisms themselves.
      for (let k = i; k <= j; k++) out.push({ start: judged[k].start, end: judged[k].end, name: judged[k].name, surface: '', category: null, source: 'quoted', components: [], componentOf: judged[j + 1].start });
      i = j;
      continue;
    }
    // In a chain with a numbered label, unfiltered neighbours are labels of the same kind (“双周学习会”“文化月坛”).
    const chainHasLabel = judged.slice(i, j + 1).some((q) => q.strong);
    for (let k = i; k <= j; k++) {
      const q = judged[k];
      const ok = q.strong || q.named || (chainHasLabel && !q.filtered && q.name.length <= d.maxQuotedNamed && !/[，,]/u.test(q.name));
      if (!ok) continue;
      const after = text.slice(q.end, q.end + 12);
      const surfaceEnd = q.end + (q.cat ? after.indexOf(q.cat) + q.cat.length : 0);
      out.push({ start: q.start, end: surfaceEnd, name: q.name, surface: text.slice(q.start, surfaceEnd), category: q.cat, source: q.source, components: [] });
    }
    i = j;
  }
  return out;
}

/** Inside a quoted span? (Unquoted generators skip those: the quoted generator owns them.) */
function insideQuote(text: string, at: number): boolean {
  const open = Math.max(text.lastIndexOf('“', at - 1), text.lastIndexOf('「', at - 1));
  if (open < 0) return false;
  const close = Math.max(text.lastIndexOf('”', at - 1), text.lastIndexOf('」', at - 1));
  return open > close && at - open <= 40;
}

/** Unquoted numbered labels: chains (三会一课) and counted heads (四个落实) with a definition, an enumeration, or a lexicon entry. */
function unquotedCandidates(text: string): Candidate[] {
  const { d, chain, counted, category, definition } = c();
  const lex = lexicon();
  const out: Candidate[] = [];
  const accept = (start: number, name: string, source: string) => {
    const end = start + name.length;
    const cat = category.exec(text.slice(end, end + 10))?.[1] ?? null;
    const catEnd = cat ? end + text.slice(end, end + 10).indexOf(cat) + cat.length : end;
    out.push({ start, end: catEnd, name, surface: text.slice(start, catEnd), category: cat, source, components: [] });
  };
  for (const m of text.matchAll(chain)) {
    const name = m[0];
    if (insideQuote(text, m.index!) || d.idioms.some((x) => name.includes(x)) || isIdiomOrDate(name)) continue;
    // A chain must be a label of its own: every part numeral + short word, no counting words.
    if (/[次件名位年月日天]/u.test(name)) continue;
    if (lex.has(name) || numberedInLexicon(name)) accept(m.index!, name, 'chain');
  }
  for (const m of text.matchAll(counted)) {
    if (insideQuote(text, m.index!)) continue;
    // Try the longest head first: 四张责任清单 before 四张责任清.
    for (let len = m[0].length; len >= 4; len--) {
      const name = text.slice(m.index!, m.index! + len);
      const after = text.slice(m.index! + len, m.index! + len + 6);
      const n = d.numeralValues[name[0]];
      // 一个重要会议 is an article + noun; a label counting one thing must be a known formulation.
      if (isIdiomOrDate(name) || (n === 1 && !lex.has(name))) break;
      const items = enumerationBefore(text, m.index!);
      const defined = definition.test(after) && !/^[：:]\s*$/u.test(after);
      if (lex.has(name) || (defined && len === m[0].length) || (items.length === n && n >= 2 && /的$/u.test(text.slice(0, m.index!)))) {
        const cand: Candidate = { start: m.index!, end: m.index! + len, name, surface: name, category: null, source: 'counted', components: [] };
        if (items.length === n) cand.components = items;
        out.push(cand);
        break;
      }
    }
  }
  return out;
}

function numberedInLexicon(name: string): boolean {
  const e = lexicon().get(name);
  return !!e && c().numeral.test(name);
}

/** The 、-enumeration ending right before `at` (…A、B、C实行的 LABEL), cleaned; [] when none. */
function enumerationBefore(text: string, at: number): string[] {
  const clauseStart = Math.max(text.lastIndexOf('，', at - 1), text.lastIndexOf(',', at - 1), text.lastIndexOf('。', at - 1),
    text.lastIndexOf('；', at - 1), text.lastIndexOf(';', at - 1), text.lastIndexOf('：', at - 1), text.lastIndexOf(':', at - 1), text.lastIndexOf('\n', at - 1)) + 1;
  const region = text.slice(clauseStart, at);
  if (!region.includes('、')) return [];
  return splitEnumeration(region).map(cleanComponent).filter((x) => x.length >= 2);
}

/** Named systems introduced by a verb: 建立党员常委履职建言点评制度和委员示范基地助力发展点评制度. */
function systemCandidates(text: string): Candidate[] {
  const { systemNamed } = c();
  const out: Candidate[] = [];
  for (const m of text.matchAll(systemNamed)) {
    let offset = m.index! + m[0].length - m[1].length;
    for (const name of m[1].split('和')) {
      const start = text.indexOf(name, offset);
      offset = start + name.length;
      if (/^(各项|有关|相关|新的|已有|一系列|工作|各类)/u.test(name) || new RegExp(c().d.systemFollowBlock, 'u').test(text.slice(offset))) continue;
      const head = /(制度|机制)$/u.exec(name)?.[1] ?? null;
      out.push({ start, end: start + name.length, name, surface: name, category: head, source: 'system', components: [] });
    }
  }
  return out;
}

/** Components spelled out after a label: “1”是A，“2”是B; LABEL：A；B；C; 一是…二是… . */
function componentsAfter(text: string, label: string, end: number, expected: number | null): string[] {
  const { definition, d } = c();
  const rest = text.slice(end, end + 600);
  const sentenceEnd = rest.search(/[。！？\n]/u);
  const sentence = sentenceEnd >= 0 ? rest.slice(0, sentenceEnd) : rest;
  // “1”是…，“2”是…: the digits of a digit label, introduced right after it.
  const digitParts = [...sentence.matchAll(/[“"]([\d一二三四五六七八九十])[”"]是([^，,；;。]+)/gu)].map((m) => cleanComponent(m[2]));
  if (digitParts.length >= 2 && (/^\d+$/u.test(fold(label)) || definition.test(sentence))) return digitParts;
  if (definition.test(sentence)) {
    const body = sentence.replace(definition, '');
    const parts = body.includes('；') || body.includes(';') ? splitEnumeration(body, /[；;]/u) : splitEnumeration(body);
    const items = parts.map((p) => cleanComponent(p.split(/[，,]/u)[0])).filter((x) => x.length >= 2);
    if (items.length >= 2) return items;
  }
  return [];
}

/**
 * 一是…二是… lists spell out the nearest label before them that announces at least as many items
 * (四双 with three items of a truncated four); each item gives its quoted name, else its first clause.
 */
function ordinalLists(text: string, labels: { start: number; end: number; expected: number | null }[]): Map<number, string[]> {
  const { d, ordinal } = c();
  const out = new Map<number, string[]>();
  const marks = [...text.matchAll(ordinal)];
  for (let i = 0; i < marks.length; i++) {
    if (marks[i][1] !== '一') continue;
    const run = [marks[i]];
    for (let k = i + 1; k < marks.length && marks[k][1] === '一二三四五六七八九十'[run.length]; k++) run.push(marks[k]);
    if (run.length < 2) continue;
    const at = run[0].index!;
    const owner = labels.filter((l) => l.end <= at && at - l.end <= d.ordinalWindow && (l.expected ?? 0) >= run.length).pop();
    if (!owner || out.has(owner.start)) continue;
    const items = run.map((m, k) => {
      const from = m.index! + m[0].length;
      const to = k + 1 < run.length ? run[k + 1].index! : Math.min(text.length, from + 200);
      const seg = text.slice(from, to);
      const q = /[“"「]([^”"」]{2,14})[”"」]/u.exec(seg.split(/[。]/u)[0]);
      return cleanComponent(q ? q[1] : seg.split(/[，,。；]/u)[0]);
    }).filter((x) => x.length >= 2);
    out.set(owner.start, items);
  }
  return out;
}

/**
 * For a counted label (两个全覆盖 = 两 + 个 + 全覆盖), an enumeration elsewhere of exactly N items that
 * each end with the head (党的组织对党员委员全覆盖、党的工作对全体委员全覆盖) spells it out.
 */
function componentsByHead(text: string, label: string, expected: number): string[] {
  const { d } = c();
  const m = new RegExp(`^[${d.numeralChars}][${d.classifiers}](\\p{Script=Han}{2,4})$`, 'u').exec(label);
  if (!m || expected < 2) return [];
  const head = escapeRegExp(m[1]);
  const item = `[^，,。；;、：:“”\\n]{2,24}?${head}`;
  const re = new RegExp(`(${item})${`、(${item})`.repeat(expected - 1)}(?![^，,。；;：:\\n]{0,2}、)`, 'u');
  const found = re.exec(text);
  if (!found) return [];
  // The first item starts at the clause boundary: cut it after its last introducing verb (…着力探索推进A).
  const first = found[1];
  const verb = /.*(推进|实现|推动|落实|做到|确保|达到)/u.exec(first.slice(0, -m[1].length));
  return [verb ? first.slice(verb[0].length) : first, ...found.slice(2)].map(cleanComponent);
}

/** Find mechanisms in a document: candidates from every generator, components, org, English name. */
export function extractMechanisms(doc: Document): Mechanism[] {
  const text = doc.text;
  const all = [...quotedCandidates(text), ...unquotedCandidates(text), ...systemCandidates(text)];
  const componentsByLabel = new Map<number, string[]>();
  for (const cand of all) {
    if (cand.componentOf === undefined) continue;
    const list = componentsByLabel.get(cand.componentOf) ?? [];
    list.push(cleanComponent(cand.name));
    componentsByLabel.set(cand.componentOf, list);
  }
  const sentences = doc.spans.sentences ?? [];
  const labels = all.filter((x) => x.componentOf === undefined && kindOf(x.name) !== 'named').map((x) => ({ start: x.start, end: x.end, expected: expectedCount(x.name) }));
  const lists = ordinalLists(text, labels);
  const byName = new Map<string, Mechanism>();
  const taken: [number, number][] = [];
  for (const cand of all.filter((x) => x.componentOf === undefined).sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (taken.some(([s, e]) => cand.start >= s && cand.end <= e && cand.source !== 'quoted-named')) continue;
    taken.push([cand.start, cand.end]);
    const expected = cand.source === 'system' || kindOf(cand.name) === 'named' ? null : expectedCount(cand.name);
    let components = cand.components.length ? cand.components : componentsByLabel.get(cand.start) ?? [];
    if (!components.length && kindOf(cand.name) === 'compound' && !/\d/u.test(cand.name)) components = fold(cand.name).split('+');
    if (!components.length && expected && expected >= 2) {
      components = componentsAfter(text, cand.name, cand.end, expected);
      if (!components.length) {
        const before = enumerationBefore(text, cand.start);
        if (before.length >= 2 && before.length <= expected) components = before;
      }
      if (!components.length) components = lists.get(cand.start) ?? [];
      if (!components.length) components = componentsByHead(text, cand.name, expected);
    }
    const sent = sentenceAt(sentences, cand.start);
    const key = fold(cand.name);
    const existing = byName.get(key);
    if (existing) {
      if (!existing.components.length && components.length) existing.components = components;
      existing.category ??= cand.category;
      continue;
    }
    byName.set(key, {
      name: cand.name,
      surface: cand.surface || text.slice(cand.start, cand.end),
      kind: kindOf(cand.name),
      category: cand.category,
      org: orgFor(doc, cand.start),
      components,
      english: englishName(cand.name),
      expected,
      countMismatch: false,
      source: cand.source,
      start: cand.start,
      end: cand.end,
      evidence: sent ? text.slice(sent.start, sent.end) : text.slice(cand.start, cand.end),
    });
  }
  // Components listed with 等 are examples, not the full set: no mismatch for those.
  for (const m of byName.values()) m.countMismatch = !!m.expected && m.components.length > 0 && m.components.length !== m.expected && !componentsByLabel.has(m.start);
  return [...byName.values()];
}

/** Every occurrence of each mechanism's name (quoted or not), so concordances and metric exclusions see them all. */
export function mechanismMentions(text: string, found: Mechanism[]): { start: number; end: number; name: string }[] {
  const out: { start: number; end: number; name: string }[] = [];
  for (const m of found) {
    for (let i = text.indexOf(m.name); i >= 0; i = text.indexOf(m.name, i + m.name.length)) out.push({ start: i, end: i + m.name.length, name: m.name });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const mechanismsStage: Stage = {
  id: 'extract.mechanisms@1',
  requires: ['tokens', 'sentences', 'orgs'],
  provides: ['mechanisms'],
  run(doc: Document): Document {
    const found = extractMechanisms(doc);
    doc.extracted.mechanisms = found;
    doc.spans.mechanisms = mechanismMentions(doc.text, found).map((m) => ({ start: m.start, end: m.end, layer: 'text', label: 'mechanism', by: this.id, attrs: { name: m.name } }));
    return doc;
  },
};
