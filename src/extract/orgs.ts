import type { Document } from '../model/document.js';
import type { Stage } from '../pipeline/stage.js';
import { loadJson } from '../util/data.js';
import { escapeRegExp } from '../util/text.js';
import { sentenceAt } from './sentences.js';
import type { OrgMention } from './types.js';

interface OrgData {
  core: string[];
  subBody: string[];
  demonstrative: string[];
  quantifier: string[];
  levelByChar: Record<string, string>;
  municipalities: string[];
  unitSuffixes: string[];
  unitVerbs: string[];
  systemHeads: string[];
  weak: string;
}

export function orgData(): OrgData {
  return loadJson<OrgData>('extract', 'orgs.json');
}

let patterns: { core: RegExp; sub: RegExp } | null = null;
function compiled() {
  if (patterns) return patterns;
  const d = orgData();
  const core = [...d.core].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  patterns = {
    core: new RegExp(`(?:${core})`, 'gu'),
    sub: new RegExp(`^(?:${d.subBody.join('|')})`, 'u'),
  };
  return patterns;
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
  const { core, sub } = compiled();
  const d = orgData();
  const text = doc.text;
  const tokens = doc.tokens;
  const out: OrgMention[] = [];
  core.lastIndex = 0;
  for (const m of text.matchAll(core)) {
    let start = m.index!;
    let end = start + m[0].length;
    if (out.length && start < out[out.length - 1].end) continue;
    // A token that covers the core's first character and starts earlier (重庆市委) carries the place.
    const cover = tokens.covering(start);
    if (cover >= 0) start = tokens.start(cover);
    else {
      const at = tokens.endingAt(start);
      const prev = at >= 0 ? { start: tokens.start(at), pos: tokens.pos(at) } : null;
      const word = prev ? text.slice(prev.start, start) : '';
      // A place before a level body (隆安 + 县政协: jieba may tag the place nr or n) or a token that is
      // a place itself (ns, or 重庆市 ending in a level character) before a bare body.
      const levelCore = /^(自治区|[省市县区州旗盟])/u.test(m[0]);
      const placeLike = prev && (/^(ns|nt)$/u.test(prev.pos) || /[省市县区州旗盟]$/u.test(word) || (levelCore && /^(n|nr|nz|x|j)$/u.test(prev.pos)));
      if (placeLike && PLACE_TOKEN.test(word) && !NOT_PLACE.test(word)) start = prev.start;
    }
    // 该区政协, 各区县政协, 全市政协: the demonstrative or quantifier is kept in the surface, not the name.
    let prefix = '';
    for (const w of [...d.quantifier, ...d.demonstrative].sort((a, b) => b.length - a.length)) {
      if (text.startsWith(w, start) && start + w.length < m.index! + 1) { prefix = w; break; }
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
    if (!bareLevel) continue;
    if (!demonstrative && !/^(县|区)/u.test(o.name)) continue;
    for (let k = i - 1; k >= 0; k--) {
      const p = out[k].name;
      const at = p.indexOf(o.name);
      if (at > 0 && p.length > o.name.length && /\p{Script=Han}$/u.test(p.slice(0, at))) {
        o.name = p.slice(0, at) + o.name;
        break;
      }
      const lvl = new RegExp(`^(\\p{Script=Han}{2,5}${bareLevel[1]})`, 'u').exec(p);
      if (lvl && !NOT_PLACE.test(lvl[1])) {
        o.name = lvl[1] + o.name.slice(1);
        break;
      }
    }
  }
  return out;
}

/**
 * Who runs the thing at `offset`: an org right before it (区委牵头的“…”), else the first specific org of
 * its sentence before it, else the first specific org of its paragraph, else the document's most named
 * specific org. A bare 政协 or 党中央 is too general to run a local mechanism and is passed over.
 */
export function orgFor(doc: Document, offset: number): string | null {
  const orgs = (doc.spans.orgs ?? []).map((s) => s.attrs as unknown as OrgMention);
  if (!orgs.length) return null;
  const weak = new RegExp(orgData().weak, 'u');
  const specific = orgs.filter((o) => !weak.test(o.name));
  const sentences = doc.spans.sentences ?? [];
  const sent = sentenceAt(sentences, offset);
  if (sent) {
    const inSentence = specific.filter((o) => o.start >= sent.start && o.end <= offset);
    const adjacent = inSentence.find((o) => offset - o.end <= 4 && /^(牵头|主导|组织|推出|推行)?的?[“"]?$/u.test(doc.text.slice(o.end, offset)));
    if (adjacent) return adjacent.name;
    if (inSentence.length) return inSentence[0].name;
    const para = sent.attrs?.paragraph;
    const from = sentences.find((s) => s.attrs?.paragraph === para)?.start ?? sent.start;
    const inPara = specific.filter((o) => o.start >= from && o.end <= offset);
    if (inPara.length) return (inPara.find((o) => o.cppcc) ?? inPara[0]).name;
  }
  const counts = new Map<string, number>();
  for (const o of specific.length ? specific : orgs) counts.set(o.name, (counts.get(o.name) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [name, k] of counts) if (k > n) { best = name; n = k; }
  return best;
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
