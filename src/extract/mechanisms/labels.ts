/** Generator: unquoted numbered labels (三会一课, 四个落实, 三级评议). */
import { lexicon } from '../lexicon.js';
import { enumerationBefore } from './components.js';
import { c, type Candidate, insideQuote, isIdiomOrDate } from './grammar.js';

/** Unquoted numbered labels: chains (三会一课) and counted heads (四个落实) with a definition, an enumeration, or a lexicon entry. */
export function unquotedCandidates(text: string): Candidate[] {
  const { d, chain, counted, category, definition } = c();
  const lex = lexicon();
  const out: Candidate[] = [];
  const accept = (start: number, name: string, source: string) => {
    const end = start + name.length;
    const cat = category.exec(text.slice(end, end + 10))?.[1] ?? null;
    const catEnd = cat ? end + text.slice(end, end + 10).indexOf(cat) + cat.length : end;
    out.push({ start, end: catEnd, name, surface: text.slice(start, catEnd), category: cat, source, components: [] });
  };
  for (const m of text.matchAll(chain)) {
    const name = m[0];
    if (insideQuote(text, m.index!) || d.idioms.some((x) => name.includes(x)) || isIdiomOrDate(name)) continue;
    // A chain must be a label of its own: every part numeral + short word, no counting words.
    if (/[次件名位年月日天]/u.test(name)) continue;
    if (lex.has(name) || numberedInLexicon(name)) accept(m.index!, name, 'chain');
  }
  for (const m of text.matchAll(counted)) {
    if (insideQuote(text, m.index!)) continue;
    // Try the longest head first: 四张责任清单 before 四张责任清.
    for (let len = m[0].length; len >= 4; len--) {
      const name = text.slice(m.index!, m.index! + len);
      const after = text.slice(m.index! + len, m.index! + len + 6);
      const n = d.numeralValues[name[0]];
      // 一个重要会议 is an article + noun; a label counting one thing must be a known formulation.
      if (isIdiomOrDate(name) || (n === 1 && !lex.has(name))) break;
      const items = enumerationBefore(text, m.index!);
      const defined = definition.test(after) && !/^[：:]\s*$/u.test(after);
      if (lex.has(name) || (defined && len === m[0].length) || (items.length === n && n >= 2 && /的$/u.test(text.slice(0, m.index!)))) {
        const cand: Candidate = { start: m.index!, end: m.index! + len, name, surface: name, category: null, source: 'counted', components: [] };
        if (items.length === n) cand.components = items;
        out.push(cand);
        break;
      }
    }
  }
  return out;
}

function numberedInLexicon(name: string): boolean {
  const e = lexicon().get(name);
  return !!e && c().numeral.test(name);
}
