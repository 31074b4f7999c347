import { loadJson, loadTsv } from '../util/data.js';

export interface LexiconEntry {
  simplified: string;
  traditional: string;
  english: string[];
  components: string[];
  category: string;
  confidence: string;
}

let entries: Map<string, LexiconEntry> | null = null;

/** English renderings of a lexicon cell: "'four ones' — generic…" → four ones; "A (also: B)" → A, B. */
export function englishNames(cell: string): string[] {
  const out: string[] = [];
  const quoted = /^'([^']+)'/u.exec(cell.trim());
  if (quoted) out.push(quoted[1]);
  else {
    const main = cell.split(/\s*[(（—;]/u)[0].trim();
    if (main) out.push(main);
  }
  for (const m of cell.matchAll(/also:\s*([^)]+)\)/gu)) out.push(...m[1].split(/\s*\/\s*/u));
  return [...new Set(out.map((s) => s.replace(/^'|'$/gu, '').trim()).filter(Boolean))];
}

/** The lexicon of numbered formulations and named mechanisms, keyed by its Simplified name. */
export function lexicon(): Map<string, LexiconEntry> {
  if (entries) return entries;
  entries = new Map();
  for (const r of loadTsv('lexicon', 'lexicon.tsv')) {
    entries.set(r.simplified, {
      simplified: r.simplified, traditional: r.traditional, english: englishNames(r.english),
      components: r.components ? r.components.split('|').filter((c) => !c.startsWith('(')) : [],
      category: r.category, confidence: r.confidence,
    });
  }
  return entries;
}

/** A national programme or slogan (四个全面, 两个维护), as opposed to a CPPCC or local working method. */
export function isNational(entry: LexiconEntry): boolean {
  return loadJson<{ nationalCategories: string[] }>('extract', 'mechanisms.json').nationalCategories.includes(entry.category);
}

interface EnglishData {
  numbers: Record<string, string>;
  heads: Record<string, [string, string]>;
  morphemes: Record<string, string>;
}

interface NumeralData { numeralValues: Record<string, number> }

/**
 * An English name for a numbered label: the lexicon's when it has one, else generated from the
 * morpheme glossary (四个一 → four ones, 两个全覆盖 → two full coverages, 四联两评 → four links two
 * evaluations). Null when a part has no gloss: a wrong name is worse than none.
 */
export function englishName(label: string): string | null {
  const lex = lexicon().get(label);
  if (lex?.english.length) return lex.english[0];
  const e = loadJson<EnglishData>('extract', 'english.json');
  const { numeralValues } = loadJson<NumeralData>('extract', 'mechanisms.json');
  const num = (ch: string) => numeralValues[ch];
  const word = (n: number) => e.numbers[String(n)] ?? String(n);
  const counted = /^([一二两三四五六七八九十])[个项张种条级大]?(.+)$/u.exec(label);
  if (counted && e.heads[counted[2]]) {
    const n = num(counted[1]);
    return `${word(n)} ${e.heads[counted[2]][n > 1 ? 1 : 0]}`;
  }
  // Chains: numeral + morpheme, repeated (四联两评双促双提).
  const parts = [...label.matchAll(/([一二两三四五六七八九十双])([^一二两三四五六七八九十双]{1,2})/gu)];
  if (parts.length >= 2 && parts.map((p) => p[0]).join('') === label) {
    const words: string[] = [];
    for (const [, n, m] of parts) {
      const gloss = e.morphemes[m] ?? e.heads[m]?.[num(n) > 1 ? 1 : 0];
      if (!gloss) return null;
      words.push(`${word(num(n))} ${gloss}${num(n) > 1 && !gloss.endsWith('s') && e.morphemes[m] ? 's' : ''}`);
    }
    return words.join(' ');
  }
  return null;
}
