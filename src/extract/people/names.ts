import type { Document } from '../../model/document.js';
import { isPersonTag, matchAt, peopleVocab } from './vocab.js';

/** A personal name found in the text: `doc.text.slice(start, end) === name`. */
export interface NameAt {
  name: string;
  start: number;
  end: number;
}

/**
 * Where the name stands: right after a title or an introducer (记者, 父亲), or after a list separator
 * that follows another name. Both make a name likely; a separator or punctuation after it makes it sure.
 */
export type NameContext = 'title' | 'list' | 'intro';

const HAN_RUN = /^\p{Script=Han}+$/u;

/** The surname a string starts with (compound first: 欧阳 before 欧), or null. */
function surnameOf(s: string): string | null {
  const v = peopleVocab();
  for (const c of v.compound) if (s.startsWith(c)) return c;
  return v.single.has(s[0]) ? s[0] : null;
}

/** A transliterated name of parts joined by · (阿不都·热合曼). */
function isDotName(s: string): boolean {
  const v = peopleVocab();
  return matchAt(v.dotName, s, 0) === s;
}

/** Words that are never names: furniture (阅读次数), notNames (同志), strings no name holds (政协). */
function excluded(s: string): boolean {
  const { n } = peopleVocab();
  return n.furniture.includes(s) || n.notNames.includes(s) || n.neverInName.some((w) => s.includes(w));
}

/**
 * A plausible personal name by shape alone: a surname from the table and a one- or two-character given
 * name (or a single surname doubled, 陈李美玲), or a ·-joined transliteration; never a furniture word, a
 * title word or a reduplication.
 */
export function isName(s: string): boolean {
  const v = peopleVocab();
  if (excluded(s)) return false;
  if (isDotName(s)) return true;
  // 殷殷, 切切: a reduplicated word, not a name.
  if (!HAN_RUN.test(s) || (s.length === 2 && s[0] === s[1])) return false;
  const surname = surnameOf(s);
  if (!surname) return false;
  const given = s.length - surname.length;
  if (surname.length === 1 && given > v.n.givenNameMaxChars) return given === v.n.givenNameMaxChars + 1 && v.single.has(s[1]);
  // A compound surname also reads as a single one (欧阳 or 欧): either split may be the right one.
  return (given >= 1 && given <= v.n.givenNameMaxChars) || (surname.length > 1 && s.length - 1 <= v.n.givenNameMaxChars && v.single.has(s[0]));
}

/** How a candidate ends: punctuation, a follower word, a grammatical token, or jieba's own name token. */
type Boundary = 'punct' | 'word' | 'token' | 'own' | null;

/**
 * What ends a candidate [p, q): punctuation, a follower word, a grammatical token after it, or jieba
 * taking [p, q) itself as one name token (李雪梅/x 远/a).
 */
function boundaryAt(doc: Document, p: number, q: number): Boundary {
  const v = peopleVocab();
  const { text, tokens } = doc;
  if (q >= text.length || v.punct.test(text[q])) return 'punct';
  if (matchAt(v.followers, text, q)) return 'word';
  const i = tokens.startingAt(q);
  if (i >= 0 && v.tags.boundary.has(tokens.pos(i))) return 'token';
  // jieba's own name token counts unless a noun follows it, which would make it a place (西山/nr 区政协),
  // or another name token, which would continue the name (陈李/x 美玲/nr).
  const own = tokens.startingAt(p);
  const continued = i >= 0 && (v.tags.org.has(tokens.pos(i)) || isPersonTag(tokens.pos(i)));
  return own >= 0 && tokens.end(own) === q && v.tags.name.has(tokens.pos(own)) && !continued ? 'own' : null;
}

const orgCover = new WeakMap<Document, Uint8Array>();

/** The candidate overlaps an org mention (西山区政协 starts with a place, not a name). */
function insideOrg(doc: Document, start: number, end: number): boolean {
  let cover = orgCover.get(doc);
  if (!cover) {
    cover = new Uint8Array(doc.text.length);
    for (const o of doc.spans.orgs ?? []) cover.fill(1, o.start, o.end);
    orgCover.set(doc, cover);
  }
  return cover.subarray(start, end).includes(1);
}

/** Candidate lengths at p, longest first: compound surname + given name, single surname + given name. */
function candidateLengths(text: string, p: number): number[] {
  const v = peopleVocab();
  const out: number[] = [];
  const max = v.n.givenNameMaxChars;
  for (const c of v.compound) if (text.startsWith(c, p)) for (let g = max; g >= 1; g--) out.push(c.length + g);
  if (v.single.has(text[p])) for (let g = max; g >= 1; g--) out.push(1 + g);
  // A married woman's double surname (陈李美玲, Hong Kong usage): tried last, after the shorter readings.
  if (v.single.has(text[p]) && v.single.has(text[p + 1])) out.push(2 + max);
  return [...new Set(out)];
}

/** Lengths of a ·-name at p, longest first; a reading whose last part ran into a following word (热合曼出席) is skipped. */
function dotNameLengths(text: string, p: number): number[] {
  const v = peopleVocab();
  v.dotName.lastIndex = p;
  const m = v.dotName.exec(text);
  if (!m) return [];
  const out: number[] = [];
  for (let len = m[0].length; len > m[0].length - m[1].length; len--) if (!v.followersAtEnd.test(text.slice(p, p + len))) out.push(len);
  return out;
}

/**
 * jieba's word for a candidate [start, end): a candidate that is one dictionary word (党员, 关注, 高度)
 * is no name, nor a double-surname reading that opens with one (关于加强); outside a sure context,
 * neither is one that opens with a dictionary word, whose ends cut through one, or that starts with a
 * function-word surname (和, 于…) unless jieba tags it as a person.
 */
function jiebaAllows(doc: Document, start: number, end: number, sure: boolean): boolean {
  const v = peopleVocab();
  const tokens = doc.tokens;
  const i = tokens.startingAt(start);
  const whole = i >= 0 && tokens.end(i) === end ? tokens.pos(i) : null;
  if (whole && v.tags.word.has(whole)) return false;
  // A dictionary word opening a longer candidate (关于/p 加强) is no surname and given name.
  const opening = i >= 0 && tokens.end(i) < end && tokens.end(i) - start >= 2 && v.tags.word.has(tokens.pos(i));
  if (opening && (!sure || end - start > 1 + v.n.givenNameMaxChars)) return false;
  if (sure) return true;
  if (whole && v.tags.proper.has(whole)) return false;
  const nameish = (k: number) => v.tags.name.has(tokens.pos(k));
  const startCut = tokens.covering(start);
  if (startCut >= 0 && !nameish(startCut)) return false;
  // jieba glues a name's last character to a one-character verb or preposition after it (钱/nr 立说/v):
  // a word that runs on past the end by just such a character is no objection (but 宋某陪/同 is).
  const endCut = tokens.covering(end);
  const glued = endCut >= 0 && tokens.end(endCut) === end + 1 && v.n.nameTrailingChars.includes(doc.text[end]);
  if (endCut >= 0 && !nameish(endCut) && !glued) return false;
  if (v.weak.has(doc.text[start])) return i >= 0 && isPersonTag(tokens.pos(i));
  return true;
}

/**
 * The name that starts at p, if the text there reads as one: a surname-led string of the right length
 * (or a ·-name) followed by a boundary, checked against jieba's words. Of two readings the longer wins,
 * except that a three-character reading ending in a verb or preposition (王某作, 宋某所) yields to the
 * two-character name before it, unless punctuation follows the longer one.
 */
export function nameAfter(doc: Document, p: number, context: NameContext): NameAt | null {
  const v = peopleVocab();
  const text = doc.text;
  const dotted = dotNameLengths(text, p);
  const lengths = dotted.length ? dotted : candidateLengths(text, p);
  for (let k = 0; k < lengths.length; k++) {
    const len = lengths[k];
    const name = text.slice(p, p + len);
    if (name.length < len || !isName(name)) continue;
    const boundary = boundaryAt(doc, p, p + len);
    // After an introducer (摄影, 作者) a grammatical token is too little: 摄影班外拍的 names nobody; a
    // double surname (the longest reading of a single surname) needs punctuation or a follower word.
    const doubleSurname = !dotted.length && len === 2 + v.n.givenNameMaxChars && !v.compound.some((c) => name.startsWith(c));
    if (!boundary || ((context === 'intro' || doubleSurname) && (boundary === 'token' || boundary === 'own'))) continue;
    // Punctuation right after the longer reading keeps it whole (韩文和、), unless its last character
    // is a verb that ends a clause (吴某说，).
    const last = name[len - 1];
    const trailing = boundary === 'punct' ? v.n.nameTrailingVerbs.includes(last) : v.n.nameTrailingChars.includes(last);
    if (!dotted.length && trailing && lengths[k + 1] === len - 1 && isName(name.slice(0, -1))) continue;
    if (insideOrg(doc, p, p + len)) continue;
    const sure = context !== 'intro' && boundary === 'punct';
    if (!jiebaAllows(doc, p, p + len, sure)) continue;
    return { name, start: p, end: p + len };
  }
  return null;
}

/**
 * A name jieba already found at token i: a name-tagged token (nr*, x), or a one-character surname token
 * joined with its given-name token (周/nr 丽/nr); a glued verb is trimmed (王某作 → 王某). `known` is
 * jieba's person tag (nr*), which titles written after a name need.
 */
export function nameTokenAt(doc: Document, i: number): (NameAt & { known: boolean }) | null {
  const v = peopleVocab();
  const tokens = doc.tokens;
  const tag = tokens.pos(i);
  if (!v.tags.name.has(tag)) return null;
  const start = tokens.start(i);
  let end = tokens.end(i);
  const next = i + 1;
  if (end - start === 1 && next < tokens.length && tokens.start(next) === end && tokens.end(next) - end <= v.n.givenNameMaxChars && v.tags.givenName.has(tokens.pos(next))) {
    end = tokens.end(next);
  }
  let name = doc.text.slice(start, end);
  if (name.length === 3 && v.n.nameTrailingChars.includes(name[2]) && surnameOf(name)?.length === 1) {
    end -= 1;
    name = name.slice(0, 2);
  }
  const known = isPersonTag(tag);
  // 和员 needs jieba's own name tag to count.
  if (!isName(name) || (!known && v.weak.has(name[0]))) return null;
  return { name, start, end, known };
}
