/**
 * Generators of labels written without quotes: numbered labels (三会一课, 四个落实, 三级评议), names given
 * by 称为, numeral-led words before a category head (三轮驱动中心任务) and lexicon names.
 */
import { escapeRegExp } from '../../util/text.js';
import { isNational, lexicon } from '../lexicon.js';
import { enumerationBefore } from './components.js';
import { c, type Candidate, hasNumeral, insideQuote, isIdiomOrDate } from './grammar.js';

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
      // 一个重要会议 is an article + noun; a label counting one thing must be a known formulation, and
      // 三项工作 counts plain things.
      if (isIdiomOrDate(name) || (!lex.has(name) && (n === 1 || d.genericCountedHeads.includes(name.slice(2))))) break;
      const items = enumerationBefore(text, m.index!, n);
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

/**
 * Names given by 称为/简称 written without quotes: a named mechanism when it carries a numeral or ends
 * in a category head (称为“…”is the quoted generator's; 简称人民政协 abbreviates an org, which has neither).
 */
export function namedByCue(text: string): Candidate[] {
  const { d, named } = c();
  const out: Candidate[] = [];
  for (const m of text.matchAll(named)) {
    const name = m[1];
    const start = m.index! + m[0].length - name.length;
    const head = d.categoryHeads.filter((h) => name.endsWith(h) && name.length > h.length).sort((a, b) => b.length - a.length)[0] ?? null;
    if (insideQuote(text, start) || (!head && !hasNumeral(name))) continue;
    out.push({ start, end: start + name.length, name, surface: name, category: head, source: 'named-cue', components: [] });
  }
  return out;
}

/**
 * A numeral-led word right before a category head (三轮驱动中心任务, 三位一体工作格局): a label written
 * without quotes, where the text's words begin and end with it (aligned). Counting (三年行动计划),
 * idioms (一站式服务平台), words that start with one (一体化平台) and quantifiers (一系列制度) are not labels.
 */
export function headedCandidates(text: string, aligned: (start: number, end: number) => boolean): Candidate[] {
  const { d, category, headed } = c();
  const min = d.headedWord[0];
  const excluded = [...d.idioms, ...d.genericLabelStarts];
  const out: Candidate[] = [];
  for (const m of text.matchAll(headed)) {
    const start = m.index!;
    if (insideQuote(text, start) || excluded.some((x) => text.startsWith(x, start))) continue;
    // The shortest word that ends where a category head begins.
    for (let len = min; len <= m[0].length; len++) {
      const end = start + len;
      const cat = category.exec(text.slice(end, end + 10))?.[1];
      if (!cat || !aligned(start, end) || isIdiomOrDate(text.slice(start, end))) continue;
      out.push({ start, end: end + cat.length, name: text.slice(start, end), surface: text.slice(start, end + cat.length), category: cat, source: 'headed', components: [] });
      break;
    }
  }
  return out;
}

let lexiconNames: RegExp | null = null;

/**
 * Lexicon names written without quotes, where the text's own words begin and end with them (aligned:
 * 六稳 in 做好六稳工作, not inside a longer word). A numbered formulation is a label wherever it
 * occurs. A named one only when it carries a programme head of its own (委员读书活动), since most named
 * entries are also plain nouns or phrases (提案工作, 主题党日活动, 委员联系界别群众): not when that head
 * is a venue (委员工作室 is an org unit), and not a national slogan (新发展理念, 专门协商机构), which
 * texts mention in passing far more often than they present as a programme.
 */
export function lexiconCandidates(text: string, aligned: (start: number, end: number) => boolean): Candidate[] {
  const { d } = c();
  const lex = lexicon();
  lexiconNames ??= new RegExp([...lex.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'gu');
  const out: Candidate[] = [];
  for (const m of text.matchAll(lexiconNames)) {
    const name = m[0];
    const start = m.index!;
    const end = start + name.length;
    if (insideQuote(text, start) || !aligned(start, end) || isIdiomOrDate(name)) continue;
    const head = d.categoryHeads.filter((h) => name.endsWith(h)).sort((a, b) => b.length - a.length)[0] ?? null;
    const named = !!head && !d.venueHeads.some((v) => head.endsWith(v)) && !isNational(lex.get(name)!);
    if (!hasNumeral(name) && !named) continue;
    out.push({ start, end, name, surface: name, category: head, source: 'lexicon', components: [] });
  }
  return out;
}

function numberedInLexicon(name: string): boolean {
  const e = lexicon().get(name);
  return !!e && hasNumeral(name);
}
