/** Generator: quoted spans (numbered labels, A+B frameworks, named programmes). */
import { fold } from '../../util/text.js';
import { lexicon } from '../lexicon.js';
import { c, type Candidate, hasNumeral, isIdiomOrDate, QUOTE } from './grammar.js';

/** Quoted spans: numbered labels, A+B frameworks, and named programmes with a category word, an introducing verb or a lexicon entry. */
export function quotedCandidates(text: string): Candidate[] {
  const { d, category, introBefore, honour, countingOnly, metricLike } = c();
  const countedAfter = new RegExp(`^等(?:\\d+|[${d.numeralChars}]+)[${d.classifiers}家支](\\p{Script=Han}{2,8})`, 'u');
  const quotes = [...text.matchAll(QUOTE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, name: m[1].trim() }));
  const between = (a: number, b: number) => text.slice(quotes[a].end, quotes[b].start);
  const judged = quotes.map((q) => {
    const after = text.slice(q.end, q.end + 12);
    const before = text.slice(Math.max(0, q.start - 8), q.start);
    const cat = category.exec(after)?.[1] ?? null;
    const counting = countingOnly.test(q.name);
    const numbered = hasNumeral(q.name) && !counting;
    const compound = fold(q.name).includes('+');
    const filtered = q.name.length < d.minNamedLength || /[。！？；]/u.test(q.name) || honour.test(after) || isIdiomOrDate(q.name) || metricLike.test(q.name);
    const strong = !filtered && (numbered || compound) && q.name.length <= d.maxQuotedNumbered && !/[，,]/u.test(q.name);
    // A numbered slogan with commas (“一个目标，两个抓手”) is judged as a named one: one name with evidence.
    // A lexicon entry is evidence of a name, except for a venue (“委员工作室” is an org unit).
    const known = lexicon().has(q.name) && !d.venueHeads.some((v) => q.name.endsWith(v));
    const named = !filtered && (!numbered || /[，,]/u.test(q.name)) && q.name.length <= d.maxQuotedNamed && (!!cat || introBefore.test(before) || known);
    const source = compound ? 'quoted-compound' : numbered ? 'quoted-numbered' : 'quoted-named';
    return { ...q, cat, strong, named, filtered, source };
  });
  const out: Candidate[] = [];
  for (let i = 0; i < judged.length; i++) {
    // A chain of adjacent quotes (“A”“B”, “A”、“B”).
    let j = i;
    while (j + 1 < judged.length && /^[、和及与]?$/u.test(between(j, j + 1))) j++;
    if (j + 1 < judged.length && /^等$/u.test(between(j, j + 1))) {
      // “A”“B”等“LABEL”: A and B spell out LABEL and are not mechanisms themselves.
      for (let k = i; k <= j; k++) out.push({ start: judged[k].start, end: judged[k].end, name: judged[k].name, surface: '', category: null, source: 'quoted', components: [], componentOf: judged[j + 1].start });
      i = j;
      continue;
    }
    // “A”“B”等147个读书群: the quotes name counted things that are no programmes (a category head after
    // the count, 等8项制度, keeps them).
    const counted = countedAfter.exec(text.slice(judged[j].end, judged[j].end + 16));
    if (counted && !category.test(counted[1])) {
      i = j;
      continue;
    }
    const named = labelAfterExamples(text, judged[j].end);
    if (named) out.push({ ...named, components: judged.slice(i, j + 1).map((q) => q.name) });
    // In a chain with a numbered label, unfiltered neighbours are labels of the same kind (“双周学习会”“文化月坛”).
    const chainHasLabel = judged.slice(i, j + 1).some((q) => q.strong);
    for (let k = i; k <= j; k++) {
      const q = judged[k];
      const ok = q.strong || q.named || (chainHasLabel && !q.filtered && q.name.length <= d.maxQuotedNamed && !/[，,]/u.test(q.name));
      if (!ok) continue;
      const after = text.slice(q.end, q.end + 12);
      const surfaceEnd = q.end + (q.cat ? after.indexOf(q.cat) + q.cat.length : 0);
      out.push({ start: q.start, end: surfaceEnd, name: q.name, surface: text.slice(q.start, surfaceEnd), category: q.cat, source: q.source, components: [] });
    }
    i = j;
  }
  return out;
}

/**
 * “A”“B”等 LABEL: quoted examples followed by 等 and an unquoted label that ends in a category head
 * (“乡村振兴”“科教振兴”等专项委员行动, “双周学习会”“文化月坛”等相配套的学习制度体系). The examples
 * are its components; they keep their own standing as labels (judged above).
 */
function labelAfterExamples(text: string, chainEnd: number): Omit<Candidate, 'components'> | null {
  const { examplesLabel, d } = c();
  const m = examplesLabel.exec(text.slice(chainEnd, chainEnd + d.maxExamplesLabelReach));
  if (!m || /[的等]/u.test(m[2]) || d.genericLabelStarts.some((g) => m[2].startsWith(g))) return null;
  const start = chainEnd + m[0].length - m[2].length;
  const category = d.categoryHeads.filter((h) => m[3].endsWith(h)).sort((a, b) => b.length - a.length)[0];
  return { start, end: start + m[2].length, name: m[2], surface: m[2], category, source: 'examples-named' };
}

/**
 * Titles in 《》 that name a rule (《委员值班接待制度》): named mechanisms with their head as category. A
 * regulation's title names the work it governs, which is a mechanism where the text names it outside
 * the title too (出台《X工作暂行办法》…开展X工作): found at that first mention.
 */
export function titledCandidates(text: string): Candidate[] {
  const { titled, regulationTitle } = c();
  const out: Candidate[] = [...text.matchAll(titled)].map((m) => ({
    start: m.index!, end: m.index! + m[0].length, name: m[1], surface: m[0], category: m[2], source: 'titled', components: [],
  }));
  for (const m of text.matchAll(regulationTitle)) {
    const name = m[1];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (text[at - 1] === '《') continue;
      out.push({ start: at, end: at + name.length, name, surface: name, category: null, source: 'regulated', components: [] });
      break;
    }
  }
  return out;
}
