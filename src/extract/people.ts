import type { Document } from '../model/document.js';
import type { Span } from '../model/span.js';
import type { Stage } from '../pipeline/stage.js';
import { namesListedAfter, namesListedBefore } from './people/lists.js';
import { type NameAt, isName, nameAfter, nameTokenAt } from './people/names.js';
import { type TitleChain, appointmentTitles, inheritOrg, sameRoleOrg, titleChainBefore, wantsOrg } from './people/titles.js';
import { peopleVocab } from './people/vocab.js';
import { sentenceAt } from './sentences.js';
import type { OrgMention, Person } from './types.js';

/** One place a person is named, with what that place says about them. */
interface Mention extends NameAt {
  titles: string[];
  org: string | null;
  role: Person['role'];
  chain: TitleChain | null;
  sentence: Span | null;
}

/** Where a title can end: the end of every role word in the text. */
function roleEnds(text: string): number[] {
  const re = peopleVocab().roleAnywhere;
  re.lastIndex = 0;
  return [...text.matchAll(re)].map((m) => m.index! + m[0].length);
}

/** Of one person's titles, drop those another contains (总书记 beside 中共中央总书记). */
function withoutContained(titles: string[]): string[] {
  const unique = [...new Set(titles.filter(Boolean))];
  return unique.filter((t) => !unique.some((u) => u !== t && u.includes(t)));
}

/**
 * People named in the text by the grammar of officialdom: a title chain and the name after it (with
 * the names listed after that share its titles, and those a clause lists before it); a name with an
 * honorific or a title after it; a name after an introducer (记者, 父亲); the posts an appointment verb
 * lists after a known name. Bylines and editors from the metadata join them.
 */
export function extractPeople(doc: Document): Person[] {
  const v = peopleVocab();
  const text = doc.text;
  const orgs = (doc.spans.orgs ?? []).map((s) => s.attrs as unknown as OrgMention);
  const orgsByEnd = new Map<number, OrgMention>(orgs.map((o) => [o.end, o]));
  const sentences = doc.spans.sentences ?? [];
  const mentions: Mention[] = [];
  const starts = new Set<number>();
  const taken = (start: number) => starts.has(start);
  const add = (n: NameAt, titles: string[], org: string | null, role: Person['role'], chain: TitleChain | null = null) => {
    starts.add(n.start);
    mentions.push({ ...n, titles, org, role, chain, sentence: sentenceAt(sentences, n.start) });
  };

  for (const p of roleEnds(text)) {
    const chain = titleChainBefore(doc, p, orgsByEnd);
    if (!chain) continue;
    const group = v.sets.groupLabels.has(chain.elements[chain.elements.length - 1].role);
    // A caption may put a space between title and name (全国政协委员 丁某：).
    const q = p + (group ? v.groupBridge.exec(text.slice(p, p + 6))![0].length : /^[ \u3000]?/u.exec(text.slice(p, p + 1))![0].length);
    const name = nameAfter(doc, q, 'title');
    if (!name || taken(name.start)) continue;
    const sentence = sentenceAt(sentences, name.start);
    if (wantsOrg(chain)) {
      // 市政协主席A，副主席B、C，秘书长D: a title without an org takes the org of the list item right
      // before it, or else of an earlier title with the same head word in the sentence.
      const before = mentions.filter((m) => m.sentence === sentence && m.end <= chain.start);
      const adjacent = before.find((m) => v.n.listSeparators.includes(text.slice(m.end, chain.start)));
      const org = adjacent?.org ?? sameRoleOrg(chain, before.filter((m) => m.chain).map((m) => m.chain!));
      if (org) inheritOrg(chain, org);
    }
    const titles = chain.elements.map((e) => e.title);
    if (sentence) {
      const lead = v.roleAsLead.exec(text.slice(sentence.start, chain.start));
      if (lead) for (const part of lead[1].split(v.roleAsLeadSplit)) if (v.roleAtEnd.test(part)) titles.unshift(part);
    }
    add(name, titles, chain.org, 'mentioned', chain);
    for (const other of namesListedAfter(doc, name.end, group, taken)) add(other, [...titles], chain.org, 'mentioned');
    for (const other of namesListedBefore(doc, chain.start, sentence, taken)) add(other, [], null, 'mentioned');
  }

  // A name jieba found, with an honorific (同志, 先生) or a title (总书记) after it, or 以X为组长.
  for (let i = 0; i < doc.tokens.length; i++) {
    const n = nameTokenAt(doc, i);
    if (!n) continue;
    const honorific = v.honorific.exec(text.slice(n.end, n.end + 4))?.[0];
    const as = text.slice(n.start - v.n.asIntro.length, n.start) === v.n.asIntro ? v.asTitle.exec(text.slice(n.end, n.end + 4))?.[0] : undefined;
    const title = as ? v.roleAtStart.exec(text.slice(n.end + as.length, n.end + as.length + v.roleMaxChars))?.[0]
      : !honorific && n.known ? v.titleAfter.exec(text.slice(n.end, n.end + 4))?.[0] : undefined;
    if (honorific || title) add(n, title ? [title] : [], null, 'mentioned');
  }

  // Introducers: bylines (记者 A B), roles (主持人), kinship and legal words (父亲, 被告人).
  v.introducer.lastIndex = 0;
  for (const m of text.matchAll(v.introducer)) {
    // The word must stand as a word (工作者 holds 作者 but introduces nobody).
    if (m.index! > 0 && /\p{Script=Han}/u.test(text[m.index! - 1]) && doc.tokens.startingAt(m.index!) < 0) continue;
    const g = v.introducerOf.get(m[0])!;
    const from = m.index! + m[0].length;
    const first = nameAfter(doc, from + v.introducerBridge.exec(text.slice(from, from + 4))![0].length, 'intro');
    if (!first || taken(first.start)) continue;
    const titles = g.titled ? [m[0]] : [];
    add(first, titles, null, g.role);
    if (g.role === 'mentioned') continue;
    // Byline names follow one another with spaces or 、 (记者 A B).
    for (let e = first.end; ;) {
      const sep = /^(?:\s+|、|，|,)/u.exec(text.slice(e, e + 3))?.[0];
      const next = sep ? nameAfter(doc, e + sep.length, 'list') : null;
      if (!next || taken(next.start)) break;
      add(next, titles, null, g.role);
      e = next.end;
    }
  }

  // Posts an appointment verb lists after a name found above (A利用担任B、C等职务).
  for (const name of new Set(mentions.map((m) => m.name))) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const posts = appointmentTitles(doc, at + name.length);
      if (posts.length) add({ name, start: at, end: at + name.length }, posts, null, 'mentioned');
    }
  }

  const byName = new Map<string, Person>();
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const cur = byName.get(m.name);
    const evidence = m.sentence ? text.slice(m.sentence.start, m.sentence.end) : m.name;
    if (!cur) byName.set(m.name, { name: m.name, titles: [...m.titles], org: m.org, role: m.role, start: m.start, end: m.end, evidence });
    else {
      cur.titles.push(...m.titles);
      cur.org ??= m.org;
    }
  }
  for (const p of byName.values()) p.titles = withoutContained(p.titles);

  // Bylines and editors: the role written before the name is their title (本报记者, 实习生, 责任编辑…).
  // Metadata parsing can take furniture for a name (审核人, 阅读次数): only name-shaped strings count.
  const roleOf = new Map((doc.meta.bylines ?? []).map((b) => [b.name, b.role]));
  for (const [names, role] of [[doc.meta.authors, 'author'], [doc.meta.editors, 'editor']] as const) {
    for (const n of names) {
      if (byName.has(n) || !isName(n)) continue;
      const title = roleOf.get(n);
      byName.set(n, { name: n, titles: title ? [title] : [], org: doc.meta.source, role, start: 0, end: 0, evidence: '' });
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
