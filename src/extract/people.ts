import type { Document } from '../model/document.js';
import type { Stage } from '../model/stage.js';
import { appointedPosts, namesAfterIntroducers, namesBeforeCues } from './people/cues.js';
import { Mentions } from './people/mentions.js';
import { isName } from './people/names.js';
import { titledPeople } from './people/titled.js';
import type { OrgMention, Person } from '../model/results.js';

/** Of one person's titles, drop those another contains (总书记 beside 中共中央总书记). */
function withoutContained(titles: string[]): string[] {
  const unique = [...new Set(titles.filter(Boolean))];
  return unique.filter((t) => !unique.some((u) => u !== t && u.includes(t)));
}

/**
 * People named in the text by the grammar of officialdom: a title chain and the name after it (with
 * the names listed after it that share its titles, and those a clause lists before it); a name with an
 * honorific or a title after it; a name after an introducer (记者, 父亲); the posts an appointment verb
 * lists after a known name. One person per name, with every title found; bylines and editors from the
 * metadata join them.
 */
export function extractPeople(doc: Document): Person[] {
  const text = doc.text;
  const orgsByEnd = new Map<number, OrgMention>((doc.spans.orgs ?? []).map((s) => [s.end, s.attrs as unknown as OrgMention]));
  const found = new Mentions(doc.spans.sentences ?? []);
  titledPeople(doc, orgsByEnd, found);
  namesBeforeCues(doc, found);
  namesAfterIntroducers(doc, found);
  appointedPosts(doc, found);

  const byName = new Map<string, Person>();
  for (const m of [...found.all].sort((a, b) => a.start - b.start)) {
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
