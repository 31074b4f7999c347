import type { Document } from '../../model/document.js';
import { sentenceAt } from '../sentences.js';
import type { OrgMention } from '../../model/results.js';
import { namesListedAfter, namesListedBefore } from './lists.js';
import type { Mentions } from './mentions.js';
import { nameAfter } from './names.js';
import { inheritOrg, sameRoleOrg, titleChainBefore, wantsOrg } from './titles.js';
import { matchAt, matchBefore, peopleVocab } from './vocab.js';

/** A caption may put one space between title and name (全国政协委员 丁某：). */
const CAPTION_SPACE = /[ \u3000]/uy;

/**
 * The title chain that ends at p and the name after it, if any; a title without an org takes the org
 * of the list item right before it (市政协主席A，副主席B、C，秘书长D) or else of an earlier title with
 * the same head word in the sentence (全国政协副主席A主持，副主席B).
 */
function titledNameAt(doc: Document, p: number, orgsByEnd: Map<number, OrgMention>, found: Mentions) {
  const v = peopleVocab();
  const text = doc.text;
  const chain = titleChainBefore(doc, p, orgsByEnd);
  if (!chain) return null;
  const group = v.sets.groupLabels.has(chain.elements[chain.elements.length - 1].role);
  const q = p + (group ? matchAt(v.groupBridge, text, p) : matchAt(CAPTION_SPACE, text, p)).length;
  const name = nameAfter(doc, q, 'title');
  if (!name || found.taken(name.start)) return null;
  const sentence = sentenceAt(doc.spans.sentences ?? [], name.start);
  if (wantsOrg(chain)) {
    const before = found.inSentence(sentence).filter((m) => m.end <= chain.start);
    const adjacent = before.find((m) => v.n.listSeparators.includes(text.slice(m.end, chain.start)));
    // Of the item before, the title with the same head word names the body (县政协常委、农业农村委主任A、副主任B).
    const earlier = before.flatMap((m) => (m.chain ? [m.chain] : []));
    const org = (adjacent?.chain && sameRoleOrg(chain, [adjacent.chain])) || adjacent?.org || sameRoleOrg(chain, earlier);
    if (org) inheritOrg(chain, org);
  }
  const titles = chain.elements.map((e) => e.title);
  // 作为A和B，C + name: A and B are titles of the same person.
  const lead = sentence ? v.roleAsLead.exec(text.slice(sentence.start, chain.start)) : null;
  if (lead) for (const part of lead[1].split(v.roleAsLeadSplit)) if (matchBefore(v.role, part, part.length)) titles.unshift(part);
  return { name, chain, group, titles, sentence };
}

/**
 * People named after a title chain, with the names listed after them that share the titles
 * (副主席A、B及C; across commas under a group label such as 市领导) and the untitled names a clause
 * lists before them (A，B、C，老领导D…).
 */
export function titledPeople(doc: Document, orgsByEnd: Map<number, OrgMention>, found: Mentions): void {
  const v = peopleVocab();
  v.roleAnywhere.lastIndex = 0;
  for (const m of doc.text.matchAll(v.roleAnywhere)) {
    const hit = titledNameAt(doc, m.index! + m[0].length, orgsByEnd, found);
    if (!hit) continue;
    const { name, chain, group, titles, sentence } = hit;
    found.add(name, titles, chain.org, 'mentioned', chain);
    for (const other of namesListedAfter(doc, name.end, group, found.taken)) found.add(other, [...titles], chain.org, 'mentioned');
    for (const other of namesListedBefore(doc, chain.start, sentence, found.taken)) found.add(other, [], null, 'mentioned');
  }
}
