import type { Document } from '../../model/document.js';
import { HAN } from '../../util/text.js';
import type { OrgMention } from '../../model/results.js';
import { matchAt, matchBefore, peopleVocab } from './vocab.js';

/** One title of a chain: [former][org][former][grade][rank…]role, as read before a name. */
export interface TitleElement {
  /** The head word (主席 for 常务副主席): titles of one body share it. */
  role: string;
  /** The title as the person holds it, org included (inherited orgs prepended). */
  title: string;
  /** The org the title names or inherits, as written (区政协), null when it has none. */
  org: string | null;
  /** The body the org stands for (区政协 → 东城区政协, when the org mentions resolve it). */
  resolvedOrg: string | null;
  /** The org was written before this title (not inherited, not a pointer such as 该会). */
  ownOrg: boolean;
  /** 该会, 本院: an org that only points back; the title keeps no org and inherits none. */
  pointer: boolean;
  former: string;
  start: number;
}

export interface TitleChain {
  elements: TitleElement[];
  start: number;
  end: number;
  /** The first org of the chain, without a Party sub-body (市政协党组 → 市政协): the person's org. */
  org: string | null;
}

/**
 * The org written before a title that starts at s, when no org mention ends there: the run of noun,
 * place and organisation tokens before it (a verb, preposition, particle or 的 ends the run), if the
 * run ends as an organisation does (…办, …局, …委员会, …联). When jieba's tokens give no such run
 * (中/f 联办/v), the Han characters back to punctuation, after the last function character, are read.
 */
function orgPrefix(doc: Document, s: number): { name: string; start: number } | null {
  const v = peopleVocab();
  const { tokens, text } = doc;
  if (s <= 0) return null;
  // From the token holding the character before s (it may run on past s: 市委书记 is one token) leftwards.
  const run: number[] = [];
  let start = s;
  for (let i = tokens.overlapping(s - 1, s)[0]; i >= 0 && i < tokens.length; i--) {
    const ts = tokens.start(i);
    const contiguous = start === s ? ts < s : tokens.end(i) === start;
    const tag = tokens.pos(i);
    const word = text.slice(ts, tokens.end(i));
    // jieba mis-tags some org words (司法厅/nr) and the characters of unknown abbreviations (工/n 商/ng
    // 联/v); a word that follows names (会见, 出席) is never part of an org.
    const orgLike = (v.tags.org.has(tag) || (word.length === 1 && v.tags.orgChar.has(tag)) || (v.tags.name.has(tag) && v.orgEnding.test(word))) && !v.followerWords.has(word);
    if (!contiguous || s - ts > v.t.orgPrefixMaxChars || !orgLike || !HAN.test(text[ts])) break;
    run.unshift(i);
    start = ts;
  }
  // A mis-tagged single character opens no org (并/c 获/v 中央…, 兼/v 立法会).
  while (run.length && tokens.end(run[0]) - tokens.start(run[0]) === 1 && !v.tags.org.has(tokens.pos(run[0]))) run.shift();
  start = run.length ? tokens.start(run[0]) : s;
  if (start === s) {
    while (start > 0 && s - start < v.t.orgPrefixMaxChars && HAN.test(text[start - 1]) && !v.t.orgPrefixStops.includes(text[start - 1])) start--;
    if (start > 0 && HAN.test(text[start - 1]) && !v.t.orgPrefixStops.includes(text[start - 1])) return null;
  }
  const name = text.slice(start, s);
  if (name.length < 2 || !/^\p{Script=Han}+$/u.test(name) || !v.orgEnding.test(name)) return null;
  return { name, start };
}

/**
 * An org mention as a title writes it: a demonstrative resolved (该区政协 → 东城区政协); a bare level
 * body (区政协) as written, or with the place written right before it after a separator (、西山区政协),
 * whose tokens are places or names, not a verb (审议了区政协). `resolved` is the body the person
 * belongs to (the mention's resolution when no place is written).
 */
function writtenOrg(doc: Document, m: OrgMention): { name: string; resolved: string; start: number } {
  const v = peopleVocab();
  const { text, tokens } = doc;
  if (m.name === m.surface || v.demonstrative.test(m.surface)) return { name: m.name, resolved: m.name, start: m.start };
  let start = m.start;
  while (start > 0 && m.start - start < v.t.placeMaxChars && HAN.test(text[start - 1]) && !v.t.orgPrefixStops.includes(text[start - 1])) start--;
  const [from, to] = tokens.overlapping(start, m.start);
  const placeTokens = from < to && tokens.start(from) === start && Array.from({ length: to - from }, (_, k) => tokens.pos(from + k)).every((tag) => v.tags.org.has(tag) || v.tags.name.has(tag));
  if (m.start - start >= 2 && (start === 0 || v.punct.test(text[start - 1])) && placeTokens) {
    const name = text.slice(start, m.end);
    return { name, resolved: name, start };
  }
  return { name: m.surface, resolved: m.name, start: m.start };
}

/** The title element that ends at p, if a role word ends there. */
function elementEndingAt(doc: Document, p: number, orgsByEnd: Map<number, OrgMention>): TitleElement | null {
  const v = peopleVocab();
  const text = doc.text;
  const role = matchBefore(v.role, text, p);
  if (!role) return null;
  let s = p - role.length;
  // Ranks stack (常务 + 副).
  for (let r = matchBefore(v.rank, text, s); r; r = matchBefore(v.rank, text, s)) s -= r.length;
  s -= matchBefore(v.grade, text, s).length;
  const formerAfter = matchBefore(v.former, text, s);
  s -= formerAfter.length;
  const afterOrg = s;
  const mention = orgsByEnd.get(s);
  let org: { name: string; resolved?: string; start: number } | null = mention ? writtenOrg(doc, mention) : orgPrefix(doc, s);
  if (!org && v.sets.groupLabels.has(role) && s > 0 && v.levelPrefix.test(text[s - 1])) org = { name: text[s - 1], start: s - 1 };
  const formerBefore = !formerAfter && org ? matchBefore(v.former, text, org.start) : '';
  const start = (org?.start ?? afterOrg) - formerBefore.length;
  const rest = text.slice(afterOrg, p);
  const pointer = !mention && !!org && v.demonstrative.test(org.name);
  if (pointer || !org) return { role, title: rest, org: null, resolvedOrg: null, ownOrg: false, pointer, former: formerAfter, start };
  return { role, title: formerBefore + org.name + rest, org: org.name, resolvedOrg: org.resolved ?? org.name, ownOrg: true, pointer, former: formerAfter || formerBefore, start };
}

/**
 * The title chain that ends at p (right before a name), parsed right to left: element (、|兼 element)*.
 * An element without an org takes the org of the element before it (市政协党组书记、主席 → 市政协主席)
 * and its 原, unless its post names its own body (市长); a head word too common alone (代表, 领导) is a
 * title only with an org.
 */
export function titleChainBefore(doc: Document, p: number, orgsByEnd: Map<number, OrgMention>): TitleChain | null {
  const v = peopleVocab();
  const text = doc.text;
  const elements: TitleElement[] = [];
  // The joiner before pos, across line breaks and spaces (全国政协委员、\n省政协主席): where the title before it ends.
  // A comma joins too (全国政协常委、提案委员会副主任，九三学社中央副主席A) when the title before it names
  // its own org; a bare title before a comma more often ends another clause.
  let comma = false;
  const joinerBefore = (pos: number): number | null => {
    let q = pos;
    while (q > 0 && /\s/u.test(text[q - 1])) q--;
    const joiner = [...v.t.chainJoiners, ...v.n.commaSeparators].find((j) => text.slice(q - j.length, q) === j);
    comma = !!joiner && v.n.commaSeparators.includes(joiner);
    return joiner ? q - joiner.length : null;
  };
  for (let pos = p; ;) {
    const e = elementEndingAt(doc, pos, orgsByEnd);
    if (!e || (comma && !e.ownOrg)) break;
    elements.unshift(e);
    let next = joinerBefore(e.start);
    if (next === null && e.ownOrg) {
      // jieba's words stopped short of the org's start (四川/ns 国弘/x 现代/t 教育投资公司): when plain
      // Han characters with no function character reach back to a joiner and a title ends there, the
      // org runs back to it.
      let r = e.start;
      while (r > 0 && e.start - r < v.t.orgPrefixMaxChars && HAN.test(text[r - 1]) && !v.t.orgPrefixStops.includes(text[r - 1])) r--;
      const at = r < e.start ? joinerBefore(r) : null;
      if (at !== null && matchBefore(v.role, text, at)) {
        const more = text.slice(r, e.start);
        e.title = more + e.title;
        e.org = more + e.org;
        e.resolvedOrg = more + e.resolvedOrg;
        e.start = r;
        next = at;
      }
    }
    if (next === null) break;
    pos = next;
  }
  carryOrg(elements, null);
  const kept = elements.filter((e) => e.org || !v.sets.needsPrefix.has(e.role));
  if (!kept.length) return null;
  return { elements: kept, start: elements[0].start, end: p, org: chainOrg(kept) };
}

function chainOrg(elements: TitleElement[]): string | null {
  const first = elements.find((e) => e.org);
  return (first?.resolvedOrg ?? first?.org)?.replace(peopleVocab().partySub, '') ?? null;
}

/** Each element without an org takes the one before it (or `initial` for the first). */
function carryOrg(elements: TitleElement[], initial: string | null): void {
  const v = peopleVocab();
  let carry: { org: string; resolved: string; former: string } | null = initial ? { org: initial, resolved: initial, former: '' } : null;
  for (const e of elements) {
    if (e.org) carry = { org: e.org.replace(v.partySub, ''), resolved: (e.resolvedOrg ?? e.org).replace(v.partySub, ''), former: e.former };
    else if (carry && !e.pointer && !v.sets.selfContained.has(e.role)) {
      e.title = carry.org + (e.former ? '' : carry.former) + e.title;
      e.org = carry.org;
      e.resolvedOrg = carry.resolved;
    }
  }
}

/** The chain's first title names no org and may take one (not 该会会长, not 市长). */
export function wantsOrg(chain: TitleChain): boolean {
  const first = chain.elements[0];
  return !first.org && !first.pointer && !peopleVocab().sets.selfContained.has(first.role);
}

/** Give a chain that names no org the org of an earlier title, carried along the chain. */
export function inheritOrg(chain: TitleChain, org: string): void {
  carryOrg(chain.elements, org.replace(peopleVocab().partySub, ''));
  chain.org = chainOrg(chain.elements);
}

/**
 * The org of an earlier chain with the same head word (全国政协副主席A主持，副主席B → 全国政协): the
 * body's other posts are listed under the first one.
 */
export function sameRoleOrg(chain: TitleChain, earlier: TitleChain[]): string | null {
  const role = chain.elements[0].role;
  for (let k = earlier.length - 1; k >= 0; k--) {
    const same = earlier[k].elements.find((e) => e.ownOrg && e.role === role);
    if (same) return same.org;
  }
  return null;
}

/**
 * Posts listed after an appointment verb (利用担任A、B、C等职务): each 、-separated item that ends in a
 * role word is a title of the name before the verb; punctuation or 等职务 ends the list.
 */
export function appointmentTitles(doc: Document, nameEnd: number): string[] {
  const v = peopleVocab();
  const text = doc.text;
  const verb = matchAt(v.appointment, text, nameEnd);
  if (!verb) return [];
  const out: string[] = [];
  for (let q = nameEnd + verb.length; ;) {
    let e = q;
    while (e < text.length && e - q <= v.t.appointmentItemMaxChars && text[e] !== '、' && !v.punct.test(text[e]) && !matchAt(v.appointmentEnd, text, e)) e++;
    const item = text.slice(q, e);
    if (!item || e - q > v.t.appointmentItemMaxChars || !matchBefore(v.role, item, item.length)) break;
    out.push(item);
    if (text[e] !== '、') break;
    q = e + 1;
  }
  return out;
}
