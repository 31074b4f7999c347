import type { Document } from '../../model/document.js';
import { HAN } from '../../util/text.js';
import type { Mentions } from './mentions.js';
import { nameAfter, nameTokenAt } from './names.js';
import { appointmentTitles } from './titles.js';
import { matchAt, peopleVocab } from './vocab.js';

/** Byline names follow one another with spaces or 、 (记者 A B). */
const BYLINE_SEPARATOR = /\s+|、|，|,/uy;

/**
 * Names jieba found with an honorific (同志, 先生) or a title (总书记) written after them, and
 * 以X(同志)为组长: the title after 为 is the name's.
 */
export function namesBeforeCues(doc: Document, found: Mentions): void {
  const v = peopleVocab();
  const text = doc.text;
  for (let i = 0; i < doc.tokens.length; i++) {
    const n = nameTokenAt(doc, i);
    if (!n) continue;
    const honorific = matchAt(v.honorific, text, n.end);
    const as = text.slice(n.start - v.n.asIntro.length, n.start) === v.n.asIntro ? matchAt(v.asTitle, text, n.end) : '';
    // A title after the name needs jieba's person tag: 党委书记 is no 党委 + 书记.
    const title = as ? matchAt(v.roleAt, text, n.end + as.length) : !honorific && n.known ? matchAt(v.titleAfter, text, n.end) : '';
    if (honorific || title) found.add(n, title ? [title] : [], null, 'mentioned');
  }
  // A clause that is just a name and a title (刘某委员：…, …，王某主任。) names a person whatever
  // jieba's tags: punctuation stands on both sides.
  v.titleAfterAnywhere.lastIndex = 0;
  for (const m of text.matchAll(v.titleAfterAnywhere)) {
    const end = m.index! + m[0].length;
    if (end < text.length && !v.punct.test(text[end])) continue;
    let start = m.index!;
    while (start > 0 && m.index! - start < v.nameMaxChars && !v.punct.test(text[start - 1])) start--;
    if (start > 0 && !v.punct.test(text[start - 1])) continue;
    const n = nameAfter(doc, start, 'title');
    if (n && n.end === m.index! && !found.taken(n.start)) found.add(n, [m[0]], null, 'mentioned');
  }
}

/**
 * Names after an introducer: bylines (记者 A B, 编辑：C), roles (主持人), kinship and legal words that
 * name a person without a post (父亲, 被告人).
 */
export function namesAfterIntroducers(doc: Document, found: Mentions): void {
  const v = peopleVocab();
  const text = doc.text;
  v.introducer.lastIndex = 0;
  for (const m of text.matchAll(v.introducer)) {
    // The word must stand as a word (工作者 holds 作者 but introduces nobody).
    if (m.index! > 0 && HAN.test(text[m.index! - 1]) && doc.tokens.startingAt(m.index!) < 0) continue;
    const g = v.introducerOf.get(m[0])!;
    const from = m.index! + m[0].length;
    const first = nameAfter(doc, from + matchAt(v.introducerBridge, text, from).length, 'intro');
    if (!first || found.taken(first.start)) continue;
    const titles = g.titled ? [m[0]] : [];
    found.add(first, titles, null, g.role);
    if (g.role === 'mentioned') continue;
    for (let e = first.end; ;) {
      const sep = matchAt(BYLINE_SEPARATOR, text, e);
      const next = sep ? nameAfter(doc, e + sep.length, 'list') : null;
      if (!next || found.taken(next.start)) break;
      found.add(next, titles, null, g.role);
      e = next.end;
    }
  }
}

/** Posts an appointment verb lists after a name already found (A利用担任B、C等职务). */
export function appointedPosts(doc: Document, found: Mentions): void {
  const text = doc.text;
  for (const name of new Set(found.all.map((m) => m.name))) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const posts = appointmentTitles(doc, at + name.length);
      if (posts.length) found.add({ name, start: at, end: at + name.length }, posts, null, 'mentioned');
    }
  }
}
