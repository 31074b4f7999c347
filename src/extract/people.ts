import type { Document } from '../model/document.js';
import type { Stage } from '../pipeline/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp } from '../util/text.js';
import { sentenceAt } from './sentences.js';
import type { OrgMention, Person } from './types.js';

interface PeopleData {
  orgEnding: string;
  orgPrefixMaxChars: number;
  functionWordSurnames: string;
  nameTrailingChars: string;
  surnames: string;
  compoundSurnames: string[];
  titles: string[];
  bylineTitles: string[];
  titleAfterName: string[];
  notNames: string[];
  chainMaxChars: number;
}

let compiled: { d: PeopleData; titleAtEnd: RegExp; titleAfter: RegExp; orgEnding: RegExp } | null = null;
function c() {
  if (compiled) return compiled;
  const d = loadJson<PeopleData>('extract', 'people.json');
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  compiled = { d, titleAtEnd: new RegExp(`(${alt(d.titles)})$`, 'u'), titleAfter: new RegExp(`^(${alt(d.titleAfterName)})`, 'u'), orgEnding: new RegExp(d.orgEnding, 'u') };
  return compiled;
}

/** A plausible personal name: surname from data + one or two characters (compound surname + one or two). */
export function isName(s: string): boolean {
  const { d } = c();
  if (!/^\p{Script=Han}{2,4}$/u.test(s) || d.notNames.some((w) => s.endsWith(w) || s === w)) return false;
  if (d.compoundSurnames.some((x) => s.startsWith(x))) return s.length >= 3;
  return s.length <= 3 && d.surnames.includes(s[0]);
}

const NAME_TAG = /^(x|nr|nrfg|nrt)$/u;

interface NameAt { name: string; start: number; end: number; /** index of the last token used */ last: number; known: boolean }

/**
 * A personal name starting at token i: a name-tagged token (x, nr*), a one-character surname token
 * joined with its given-name token (周/nr 丽/nr), and a glued verb trimmed (王炯作 → 王炯).
 */
function nameAt(doc: Document, i: number): NameAt | null {
  const { d } = c();
  const tokens = doc.tokens;
  const tag = tokens.pos(i);
  if (!NAME_TAG.test(tag)) return null;
  let start = tokens.start(i), end = tokens.end(i), last = i;
  const next = i + 1;
  if (end - start === 1 && next < tokens.length && tokens.start(next) === end && tokens.end(next) - end <= 2 && /^(nr|x|ng|nrfg)$/u.test(tokens.pos(next))) {
    end = tokens.end(next);
    last = next;
  }
  let name = doc.text.slice(start, end);
  if (name.length === 3 && d.nameTrailingChars.includes(name[2]) && !d.compoundSurnames.some((x) => name.startsWith(x))) {
    end -= 1;
    name = name.slice(0, 2);
  }
  const known = /^nr/u.test(tag);
  // 殷殷 (reduplication) is never a name; 和员 needs jieba's own name tag to count.
  if (!isName(name) || name[0] === name[1] || (!known && d.functionWordSurnames.includes(name[0]))) return null;
  return { name, start, end, last, known };
}
/** Party sub-bodies that lead a title but not the body's other posts (党组书记、主席 → 政协主席). */
const PARTY_SUB = /(机关党组|分党组|党组|党委)$/u;

/**
 * Title chain before a name, parsed right to left: [org]title(、[org]title)*. An element without an
 * org takes the org of the element before it (市政协党组书记、主席 → 市政协主席); 该区政协 resolves
 * through the org mentions.
 */
function titleChain(doc: Document, nameStart: number, orgsByEnd: Map<number, OrgMention>): { titles: string[]; org: string | null; start: number } {
  const { d, titleAtEnd, orgEnding } = c();
  const text = doc.text;
  const elements: { title: string; org: string | null; start: number }[] = [];
  let pos = nameStart;
  while (pos > 0) {
    const window = text.slice(Math.max(0, pos - d.chainMaxChars), pos);
    const t = titleAtEnd.exec(window);
    if (!t) break;
    const titleStart = pos - t[1].length;
    const org = orgsByEnd.get(titleStart) ?? null;
    if (org) {
      elements.unshift({ title: t[1], org: org.name, start: org.start });
      pos = org.start;
    } else {
      // No body mention: an org-like prefix back to the previous item (民进中央 + 常务副主席).
      const before = text.slice(Math.max(0, titleStart - d.orgPrefixMaxChars), titleStart);
      const prefix = /[^、，,。；;：:！？\s“”（）()]*$/u.exec(before)![0];
      const named = prefix.length >= 2 && /^\p{Script=Han}+$/u.test(prefix) && orgEnding.test(prefix) ? prefix : null;
      elements.unshift({ title: t[1], org: named, start: named ? titleStart - named.length : titleStart });
      pos = named ? titleStart - named.length : titleStart;
    }
    if (text[pos - 1] === '、') pos -= 1;
    else break;
  }
  if (!elements.length) return { titles: [], org: null, start: nameStart };
  let org: string | null = null;
  const titles = elements.map((e) => {
    if (e.org) org = e.org;
    const prefix = e.org ?? (org ? org.replace(PARTY_SUB, '') : '');
    return prefix + e.title;
  });
  return { titles, org: elements.find((e) => e.org)?.org?.replace(PARTY_SUB, '') ?? null, start: elements[0].start };
}

/** People named with titles (before or after the name), plus bylines and editors from the metadata. */
export function extractPeople(doc: Document): Person[] {
  const { titleAfter, titleAtEnd } = c();
  const text = doc.text;
  const orgs = (doc.spans.orgs ?? []).map((s) => s.attrs as unknown as OrgMention);
  const orgsByEnd = new Map<number, OrgMention>(orgs.map((o) => [o.end, o]));
  const sentences = doc.spans.sentences ?? [];
  const byName = new Map<string, Person>();
  const add = (p: Person) => {
    const cur = byName.get(p.name);
    if (!cur) byName.set(p.name, p);
    else for (const t of p.titles) if (!cur.titles.includes(t)) cur.titles.push(t);
  };
  for (let i = 0; i < doc.tokens.length; i++) {
    const found = nameAt(doc, i);
    if (!found) continue;
    const { name, known: knownName } = found;
    const tok = { start: found.start, end: found.end };
    const sent = sentenceAt(sentences, tok.start);
    const evidence = sent ? text.slice(sent.start, sent.end) : name;
    const chain = titleChain(doc, tok.start, orgsByEnd);
    const titles = [...chain.titles];
    if (titles.length && sent) {
      // 作为A和B，C + name: A and B are titles of the same person.
      const lead = /^作为([^，,]{2,30})[，,]$/u.exec(text.slice(sent.start, chain.start));
      if (lead) for (const part of lead[1].split(/和|、/u)) if (titleAtEnd.test(part)) titles.unshift(part);
    }
    if (!titles.length) {
      const after = titleAfter.exec(text.slice(tok.end, tok.end + 4));
      if (after && knownName) titles.push(after[1] === '同志' ? '' : after[1]);
    }
    const clean = titles.filter(Boolean);
    if (!clean.length && !titles.length) continue;
    add({ name, titles: clean, org: chain.org, role: 'mentioned', start: tok.start, end: tok.end, evidence });
    // 市政协副主席张三、李四、王五: names listed after one title chain share it.
    if (chain.titles.length) {
      for (let k = found.last + 1; k + 1 < doc.tokens.length;) {
        const other = doc.tokens.surface(text, k) === '、' ? nameAt(doc, k + 1) : null;
        if (!other) break;
        add({ name: other.name, titles: [...clean], org: chain.org, role: 'mentioned', start: other.start, end: other.end, evidence });
        k = other.last + 1;
      }
    }
  }
  // Bylines and editors: the role written before the name is their title (本报记者, 实习生, 责任编辑…).
  const roleOf = new Map((doc.meta.bylines ?? []).map((b) => [b.name, b.role]));
  for (const [names, role] of [[doc.meta.authors, 'author'], [doc.meta.editors, 'editor']] as const) {
    for (const n of names) {
      if (byName.has(n)) continue;
      const title = roleOf.get(n);
      add({ name: n, titles: title ? [title] : [], org: doc.meta.source, role, start: 0, end: 0, evidence: '' });
    }
  }
  return [...byName.values()];
}

export const peopleStage: Stage = {
  id: 'extract.people@1',
  requires: ['tokens', 'sentences', 'orgs'],
  provides: ['people'],
  run(doc: Document): Document {
    const found = extractPeople(doc);
    doc.extracted.people = found;
    doc.spans.people = found.filter((p) => p.end > p.start).map((p) => ({ start: p.start, end: p.end, layer: 'text', label: 'person', by: this.id, attrs: { name: p.name } }));
    return doc;
  },
};
