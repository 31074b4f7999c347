import type { Document } from '../../model/document.js';
import type { Stage } from '../../model/stage.js';
import { fold } from '../../util/text.js';
import { englishName, isNational, lexicon } from '../lexicon.js';
import { orgFor } from '../orgs.js';
import { sentenceAt } from '../sentences.js';
import type { Mechanism } from '../../model/results.js';
import { clauseStart, cleanComponent, componentsAfter, componentsByHead, componentsByMorpheme, enumerationBefore, ordinalLists } from './components.js';
import { compoundCandidates } from './compounds.js';
import { expectedCount, kindOf } from './grammar.js';
import { headedCandidates, lexiconCandidates, namedByCue, unquotedCandidates } from './labels.js';
import { quotedCandidates, titledCandidates } from './quoted.js';
import { systemCandidates } from './systems.js';
import { mergeVariants } from './variants.js';

export { expectedCount } from './grammar.js';

/** The list a label stands in goes on after it: a 、 comes before the clause ends. */
function continuesList(text: string, end: number): boolean {
  const next = /[、，,。；;：:！？\n]/u.exec(text.slice(end));
  return next?.[0] === '、';
}

/**
 * Who runs a mechanism: the org attribution for its offset, unless that org is one of the components
 * the text lists for it (政协党组、机关党组和机关党委“三位一体”组织体系): then whoever the text names before that
 * list. A compound is left alone: its parts are its name, and the first often leads it (党组+委员+企业).
 */
function ownerOf(doc: Document, at: number, components: string[]): string | null {
  const own = (org: string | null) => !!org && components.includes(org);
  const org = orgFor(doc, at);
  if (!own(org)) return org;
  const before = orgFor(doc, clauseStart(doc.text, at));
  return own(before) ? null : before;
}

/** jieba tags of a word that takes the label as its object (坚定 is tagged a, 协调推进 v). */
const VERB_TAGS = /^(?:v|vd|a|ad)$/u;

/** Find mechanisms in a document: candidates from every generator, components, org, English name. */
export function extractMechanisms(doc: Document): Mechanism[] {
  const text = doc.text;
  const aligned = (start: number, end: number) => doc.tokens.startingAt(start) >= 0 && doc.tokens.endingAt(end) >= 0;
  const objectOfVerb = (at: number) => {
    const i = doc.tokens.endingAt(at);
    return i >= 0 && VERB_TAGS.test(doc.tokens.pos(i));
  };
  const all = [...quotedCandidates(text), ...titledCandidates(text), ...unquotedCandidates(text), ...namedByCue(text), ...lexiconCandidates(text, aligned), ...headedCandidates(text, aligned), ...compoundCandidates(text), ...systemCandidates(text)];
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
      // 坚定“四个自信”、…; “四种精神”实景导读活动、…; “A与B”“双碳在行动”: a label that is a verb's
      // object, an item of a list that goes on after it, or one of a chain of quoted names does not sum
      // up the list before it.
      const sumsUp = !objectOfVerb(cand.start) && !continuesList(text, cand.end) && !/[”"」]$/u.test(text.slice(0, cand.start));
      const before = sumsUp ? enumerationBefore(text, cand.start, expected) : [];
      const spelled = [
        componentsAfter(text, cand.name, cand.end, expected),
        before.length <= expected ? before : [],
        lists.get(cand.start) ?? [],
        componentsByHead(text, cand.name, expected),
        componentsByMorpheme(text, cand.name, cand.end),
      ].filter((x) => x.length >= 2);
      // Where the text spells a label out twice, the spelling that matches its numeral wins.
      components = spelled.find((x) => x.length === expected) ?? spelled[0] ?? [];
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
      org: ownerOf(doc, cand.start, kindOf(cand.name) === 'compound' ? [] : components),
      components,
      english: englishName(cand.name),
      expected,
      countMismatch: false,
      variants: [],
      national: false,
      source: cand.source,
      start: cand.start,
      end: cand.end,
      evidence: sent ? text.slice(sent.start, sent.end) : text.slice(cand.start, cand.end),
    });
  }
  // Components listed with 等 are examples, not the full set: no mismatch for those.
  for (const m of byName.values()) {
    m.countMismatch = !!m.expected && m.components.length > 0 && m.components.length !== m.expected && !componentsByLabel.has(m.start);
    m.national = nationalUse(m);
  }
  return mergeVariants([...byName.values()]);
}

/**
 * A national slogan used as such: its lexicon entry is national, and the text gives it no components
 * of its own (a county's “五位一体”组织体系 of five Party bodies is a local mechanism under the same name).
 */
function nationalUse(m: Mechanism): boolean {
  const entry = lexicon().get(fold(m.name));
  if (!entry || !isNational(entry)) return false;
  return !m.components.length || m.components.some((x) => entry.components.some((y) => x.includes(y) || y.includes(x)));
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
    const sentences = doc.spans.sentences ?? [];
    doc.spans.mechanisms = mechanismMentions(doc.text, found).map((m) => {
      // Each mention's evidence is its own sentence, found here, where the sentences are.
      const sent = sentenceAt(sentences, m.start);
      return { start: m.start, end: m.end, layer: 'text', label: 'mechanism', by: this.id, attrs: { name: m.name, evidence: sent ? doc.text.slice(sent.start, sent.end) : null } };
    });
    return doc;
  },
};
