import type { Document } from '../model/document.js';
import type { Stage } from '../model/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp } from '../util/text.js';
import { subjectFor } from './attribution.js';
import { orgMentions } from './mentions.js';
import { sentenceAt } from './sentences.js';
import type { OrgMention } from '../model/results.js';

interface OrgData {
  core: string[];
  subBody: string[];
  demonstrative: string[];
  quantifier: string[];
  levelByChar: Record<string, string>;
  municipalities: string[];
  weak: string;
  departments: { heads: string[]; suffixes: string[] };
  parties: string[];
  fullNames: { pattern: string; name: string }[];
  partyPrefix: string[];
}

export function orgData(): OrgData {
  return loadJson<OrgData>('extract', 'orgs.json');
}

let patterns: { core: RegExp; party: RegExp; fullNames: { re: RegExp; name: string }[]; sub: RegExp } | null = null;
function compiled() {
  if (patterns) return patterns;
  const d = orgData();
  const alt = (xs: string[]) => [...xs].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  // A committee (市委, 党委) is never the start of 委员 (社区委员联络站, 市委员会 hold no 区委, 市委).
  const cores = [...d.core].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w) + (w.endsWith('委') ? '(?!员)' : ''));
  const departments = `(?:${alt(d.departments.heads)})(?:${alt(d.departments.suffixes)})`;
  patterns = {
    core: new RegExp(`(?:${cores.join('|')}|${departments})`, 'gu'),
    party: new RegExp(`(?:${alt(d.parties)})`, 'gu'),
    fullNames: d.fullNames.map((f) => ({ re: new RegExp(f.pattern, 'gu'), name: f.name })),
    sub: new RegExp(`^(?:${d.subBody.join('|')})`, 'u'),
  };
  return patterns;
}

interface CoreMatch { index: number; text: string; name?: string; extend: boolean }

/**
 * Where bodies are named: formal names (given their short name), parties (only on token edges, so 民进
 * is not read inside 人民进行) and cores (extended over their place afterwards). First and longest wins.
 */
function coreMatches(doc: Document): CoreMatch[] {
  const { core, party, fullNames } = compiled();
  const text = doc.text;
  const found: CoreMatch[] = [];
  for (const f of fullNames) {
    for (const m of text.matchAll(f.re)) found.push({ index: m.index!, text: m[0], name: m[0].replace(new RegExp(f.re.source, 'u'), f.name), extend: false });
  }
  for (const m of text.matchAll(party)) {
    if (doc.tokens.startingAt(m.index!) >= 0 && doc.tokens.endingAt(m.index! + m[0].length) >= 0) found.push({ index: m.index!, text: m[0], extend: false });
  }
  for (const m of text.matchAll(core)) found.push({ index: m.index!, text: m[0], extend: true });
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const out: CoreMatch[] = [];
  for (const m of found) if (!out.length || m.index >= out[out.length - 1].index + out[out.length - 1].text.length) out.push(m);
  return out;
}

const PLACE_TOKEN = /^(\p{Script=Han}{2,6})$/u;
/** Words that can stand right before a body but are not places (全市政协 → 全 is a quantifier). */
const NOT_PLACE = /^(全|各|该|本|我|其|这|那|和|与|及|的|在|对|为|由|将|把|从|向|以|了|是|都|也|还)/u;

function levelOf(name: string, d: OrgData): string | null {
  if (/全国|中央/u.test(name)) return 'national';
  const m = /(自治区|省|市|州|盟|县|区|旗)(?:政协|委|党委)/u.exec(name);
  if (!m) return null;
  if (m[1] === '市' && d.municipalities.some((p) => name.includes(p))) return 'provincial';
  return d.levelByChar[m[1]] ?? null;
}

/**
 * Org mentions: a core body (市政协, 区委, 党委...) extended left over the place token that ends at it
 * (隆安县 + 政协, 重庆市委 as one token) or a demonstrative (该区政协), and right over sub-bodies
 * (党组, 机关党组, 民宗委, 办公厅...). Demonstratives resolve to the last mention of the same level.
 */
export function findOrgMentions(doc: Document): OrgMention[] {
  const { sub } = compiled();
  const d = orgData();
  const text = doc.text;
  const tokens = doc.tokens;
  const out: OrgMention[] = [];
  for (const m of coreMatches(doc)) {
    let start = m.index;
    let end = start + m.text.length;
    if (out.length && start < out[out.length - 1].end) continue;
    if (!m.extend) {
      out.push({ start, end, surface: m.text, name: m.name ?? m.text, level: levelOf(m.name ?? m.text, d), cppcc: (m.name ?? m.text).includes('政协') });
      continue;
    }
    // A token that covers the core's first character and starts earlier (重庆市委) carries the place.
    const cover = tokens.covering(start);
    if (cover >= 0) start = tokens.start(cover);
    else {
      const at = tokens.endingAt(start);
      const prev = at >= 0 ? { start: tokens.start(at), pos: tokens.pos(at) } : null;
      const word = prev ? text.slice(prev.start, start) : '';
      // A place before a level body (隆安 + 县政协: jieba may tag the place nr or n) or a token that is
      // a place itself (ns, or 重庆市 ending in a level character) before a bare body.
      const levelCore = /^(自治区|[省市县区州旗盟])/u.test(m.text);
      const placeLike = prev && (/^(ns|nt)$/u.test(prev.pos) || /[省市县区州旗盟]$/u.test(word) || (levelCore && /^(n|nr|nz|x|j)$/u.test(prev.pos)));
      if (placeLike && PLACE_TOKEN.test(word) && !NOT_PLACE.test(word)) start = prev.start;
      // 各县 + 区政协, 各区 + 县政协: the levels a quantified body spans (各县区政协).
      else if (prev && levelCore && /^[各全]?[省市县区州旗]$/u.test(word)) start = prev.start;
      // 青山/ns + 市/n + 人民检察院: jieba splits an unknown place from its level character.
      else if (prev && /^[省市县区州旗]$/u.test(word)) {
        const place = tokens.endingAt(prev.start);
        if (place >= 0 && tokens.pos(place) === 'ns') start = tokens.start(place);
      }
    }
    // Never over the mention before (区委 + 区政府 are two bodies).
    if (out.length && start < out[out.length - 1].end) start = Math.max(m.index, out[out.length - 1].end);
    // 该区政协, 各区县政协, 全市政协, 中共青山市委: the demonstrative, quantifier or party prefix is kept in the surface, not the name.
    let prefix = '';
    for (const w of [...d.quantifier, ...d.demonstrative, ...d.partyPrefix].sort((a, b) => b.length - a.length)) {
      if (text.startsWith(w, start) && start + w.length < m.index + 1) { prefix = w; break; }
      if (text.slice(Math.max(0, start - w.length), start) === w) { prefix = w; start -= w.length; break; }
    }
    for (let guard = 0; guard < 3; guard++) {
      const s = sub.exec(text.slice(end, end + 12));
      // Stop before a title: 党组书记 is a title of the body, not the sub-body 党组 + 书记.
      if (!s || /^(书记|副书记|主席|主任|成员|委员)/u.test(text.slice(end + s[0].length))) break;
      end += s[0].length;
    }
    const surface = text.slice(start, end);
    const bare = surface.slice(prefix.length);
    out.push({ start, end, surface, name: bare, level: levelOf(bare, d), cppcc: bare.includes('政协') });
  }
  // Resolve 该区政协 / bare 县政协 to the last fuller mention of the same level and body.
  for (let i = 0; i < out.length; i++) {
    const o = out[i];
    const demonstrative = d.demonstrative.some((w) => o.surface.startsWith(w));
    const bareLevel = /^(省|市|县|区|州|旗)/u.exec(o.name);
    // 各区县政协 spans every district: no one place to resolve to.
    if (!bareLevel || d.quantifier.some((w) => o.surface.startsWith(w))) continue;
    if (!demonstrative && !/^(县|区)/u.test(o.name)) continue;
    const level = new RegExp(`^(\\p{Script=Han}{2,5}${bareLevel[1]})`, 'u');
    for (let k = i - 1; k >= 0; k--) {
      const p = out[k].name;
      const at = p.indexOf(o.name);
      if (at > 0 && p.length > o.name.length && /\p{Script=Han}$/u.test(p.slice(0, at))) {
        o.name = p.slice(0, at) + o.name;
        break;
      }
      const lvl = level.exec(p);
      if (lvl && !NOT_PLACE.test(lvl[1])) {
        o.name = lvl[1] + o.name.slice(1);
        break;
      }
    }
  }
  return out;
}

/**
 * Who runs or owns the thing at `offset`: an org right before it (区委牵头的“…”), else the subject of its
 * clause or sentence (在市委的坚强领导下，市政协… → 市政协), else `counted` (the org naming what is counted:
 * 8位民革党员), else the subject carried from its paragraph or document, else the org of the title,
 * else the document's most named specific org. A bare 政协 or 党中央 is too general to run a local
 * mechanism and is passed over.
 */
export function orgFor(doc: Document, offset: number, counted: string | null = null): string | null {
  const { specific, mostNamed } = orgIndex(doc);
  const sent = sentenceAt(doc.spans.sentences ?? [], offset);
  const subject = subjectFor(doc, offset);
  if (sent) {
    // The last specific mention ending before the offset, if it ends right before it.
    let lo = 0;
    let hi = specific.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (specific[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    const o = specific[lo - 1];
    // The clause's own subject (市委常委会13次…) is read as a subject, with its parent body.
    if (o && o.start >= sent.start && o.start !== subject?.start && offset - o.end <= 4 && /^(牵头|主导|组织|推出|推行)?的?[“"]?$/u.test(doc.text.slice(o.end, offset))) return o.name;
  }
  const title = titleOrg(doc);
  // A general subject (各级政协组要…) says less than the body the title names.
  if (subject?.weak && title) return title;
  if (subject && (subject.scope === 'clause' || subject.scope === 'sentence')) return subject.name;
  if (counted) return counted;
  if (subject) return subject.name;
  return title ?? mostNamed;
}

const indexes = new WeakMap<object, { specific: OrgMention[]; mostNamed: string | null }>();

/** Per document (per orgs span list): its specific mentions in order and its most named specific org. */
function orgIndex(doc: Document): { specific: OrgMention[]; mostNamed: string | null } {
  const key = doc.spans.orgs ?? doc;
  const hit = indexes.get(key);
  if (hit) return hit;
  const orgs = orgMentions(doc);
  const weak = new RegExp(orgData().weak, 'u');
  const specific = orgs.filter((o) => !weak.test(o.name));
  const counts = new Map<string, number>();
  for (const o of specific.length ? specific : orgs) counts.set(o.name, (counts.get(o.name) ?? 0) + 1);
  let mostNamed: string | null = null;
  let n = 0;
  for (const [name, k] of counts) if (k > n) { mostNamed = name; n = k; }
  const index = { specific, mostNamed };
  indexes.set(key, index);
  return index;
}

/** The first body the title names (在全市政协系统…会上的讲话 → 市政协), for documents whose text never says whose they are. */
function titleOrg(doc: Document): string | null {
  const { core } = compiled();
  const m = doc.meta.title ? new RegExp(core.source, 'u').exec(doc.meta.title) : null;
  return m && !new RegExp(orgData().weak, 'u').test(m[0]) ? m[0] : null;
}

export const orgsStage: Stage = {
  id: 'extract.orgs@1',
  requires: ['tokens', 'sentences'],
  provides: ['orgs'],
  run(doc: Document): Document {
    doc.spans.orgs = findOrgMentions(doc).map((o) => ({ start: o.start, end: o.end, layer: 'text', label: 'org', by: this.id, attrs: o as unknown as Record<string, unknown> }));
    return doc;
  },
};
