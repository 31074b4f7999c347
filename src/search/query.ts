import { existsSync, readFileSync, statSync } from 'node:fs';
import lunr from 'lunr';
import { pinyin } from 'pinyin-pro';
import { lexicon } from '../extract/lexicon.js';
import { CppccError } from '../model/errors.js';
import { simplify } from '../normalize/script.js';
import { segmentText } from '../segment/segment.js';
import type { Store } from '../store/duckdb.js';
import { INDEX_VERSION, type IndexedDoc, type SavedIndex } from './buildIndex.js';

export interface SearchHit extends IndexedDoc {
  doc_id: string;
  score: number;
  snippet: string;
  /** Offsets of the highlighted match in the document's text. */
  match: { start: number; end: number } | null;
  /** The snippet as text before the match, the match, and text after it (for markup that highlights). */
  parts: [string, string, string];
}

export interface LoadedIndex {
  saved: SavedIndex;
  index: lunr.Index;
}

/** Load a saved index; a database newer than the index is reported (E014), never silently served. */
export function loadIndex(indexFile: string, dbFile: string): LoadedIndex {
  if (!existsSync(indexFile)) throw new CppccError('E012', { input: indexFile });
  const saved = JSON.parse(readFileSync(indexFile, 'utf8')) as SavedIndex;
  if (saved.version !== INDEX_VERSION) throw new CppccError('E029', { input: indexFile, cause: `${saved.version} (this version reads ${INDEX_VERSION})` });
  if (existsSync(dbFile) && statSync(dbFile).mtimeMs > saved.dbMtimeMs + 1) throw new CppccError('E014', { input: indexFile });
  return { saved, index: lunr.Index.load(saved.index) };
}

/** What a user typed, taken apart: free words, "phrases", +required, -excluded, and field filters. */
export interface ParsedQuery {
  words: string[];
  phrases: string[];
  required: string[];
  excluded: string[];
  filters: { yearFrom?: number; yearTo?: number; source?: string; org?: string; type?: string };
}

const FILTER = /^(year|source|org|type):(.+)$/u;

/** Parse a query: `四个一 "联帮网格" +政协 -人大 year:2019-2021 source:重庆政协报 org:铜梁区政协 type:speech`. */
export function parseQuery(raw: string): ParsedQuery {
  const q: ParsedQuery = { words: [], phrases: [], required: [], excluded: [], filters: {} };
  for (const m of raw.matchAll(/([+-]?)(?:"([^"]+)"|“([^”]+)”|(\S+))/gu)) {
    const [, sign, p1, p2, word] = m;
    const phrase = p1 ?? p2;
    if (phrase) {
      q.phrases.push(phrase.trim());
      continue;
    }
    const f = FILTER.exec(word);
    if (f && !sign) {
      const [, key, value] = f;
      if (key === 'year') {
        const y = /^(\d{4})(?:-(\d{4}))?$/u.exec(value);
        if (!y) throw new CppccError('E015', { key: 'year:', cause: `"${value}" is not a year or range`, allowed: 'year:2019 or year:2015-2020' });
        q.filters.yearFrom = Number(y[1]);
        q.filters.yearTo = Number(y[2] ?? y[1]);
      } else q.filters[key as 'source' | 'org' | 'type'] = value;
      continue;
    }
    if (sign === '+') q.required.push(word);
    else if (sign === '-') q.excluded.push(word);
    else q.words.push(word);
  }
  return q;
}

/** Toneless pinyin without spaces (四个一 → sigeyi), the key pinyin queries are matched on. */
export function pinyinKey(s: string): string {
  return pinyin(s, { toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();
}

/** Names a query means when it is English or pinyin: exact English names, then pinyin of the names. */
export function namesFor(text: string, englishNames: Map<string, string[]>): string[] {
  const q = text.toLowerCase().replace(/["“”]/gu, '').trim();
  if (!/^[a-z0-9' -]+$/u.test(q)) return [];
  const out = new Set<string>();
  for (const [name, english] of englishNames) {
    if (english.some((e) => e.toLowerCase() === q || e.toLowerCase().replace(/[-']/gu, ' ') === q)) out.add(name);
  }
  if (!out.size) {
    const key = q.replace(/[^a-z]/gu, '');
    for (const name of englishNames.keys()) if (key.length >= 4 && pinyinKey(name) === key) out.add(name);
  }
  return [...out];
}

/** Lower-cased segmenter tokens of a Simplified string (the same tokenizer as the index). */
function terms(s: string): string[] {
  return [...new Set(segmentText(s).words(s).map((w) => w.toLowerCase()).filter((w) => /[\p{L}\p{N}]/u.test(w)))];
}

/**
 * Query understanding: any script → Simplified; English (four ones) or pinyin (si ge yi) → the
 * mechanism names it means (lexicon and generated English names, pinyin of names); then the same
 * segmenter as the index.
 */
export function expandQuery(query: string, englishNames: Map<string, string[]>): { terms: string[]; names: string[] } {
  // NFKC folds full-width and small forms (１＋１﹥２) as the normalizer folds the text.
  const simplified = simplify(query.trim().normalize('NFKC'));
  const names = new Set(namesFor(simplified, englishNames));
  if (/\p{Script=Han}/u.test(simplified)) names.add(simplified.replace(/["“”\s]/gu, ''));
  const all = new Set<string>();
  for (const part of [simplified, ...names]) for (const t of terms(part)) all.add(t);
  return { terms: [...all], names: [...names] };
}

/** The lexicon's English names plus those a run's database holds for its mechanisms. */
export async function englishNamesFromStore(store: Store): Promise<Map<string, string[]>> {
  const rows = (await store.connection.runAndReadAll('SELECT DISTINCT name, english FROM mechanisms')).getRowObjectsJson() as { name: string; english: string | null }[];
  return englishNameTable(rows);
}

/** English names of mechanisms: the lexicon's plus those the run generated (from the database). */
export function englishNameTable(fromDb: { name: string; english: string | null }[]): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const e of lexicon().values()) table.set(e.simplified, [...e.english]);
  for (const r of fromDb) table.set(r.name, [...new Set([...(table.get(r.name) ?? []), ...(r.english ? [r.english] : [])])]);
  return table;
}

/** How many candidates to take from lunr before filters and phrase checks thin them out. */
const CANDIDATE_FACTOR = 5;

export interface SearchResult {
  hits: SearchHit[];
  /** Terms searched, longest first (for snippets when a hit has no position). */
  needles: string[];
  /** Phrases every hit's text must contain (checked by the caller, which holds the texts). */
  phrases: string[];
}

/** Run a query: ranked hits with the offset of their best match, filtered by the query's filters. */
export function search(loaded: LoadedIndex, raw: string, englishNames: Map<string, string[]>, limit = 10): SearchResult {
  const q = parseQuery(raw);
  const free = expandQuery(q.words.join(' '), englishNames);
  const phrases = q.phrases.map((p) => simplify(p));
  const required = [...q.required, ...phrases].flatMap((w) => terms(simplify(w)));
  const excluded = q.excluded.flatMap((w) => terms(simplify(w)));
  if (!free.terms.length && !free.names.length && !required.length) return { hits: [], needles: [], phrases };
  const fields = ['title', 'body', 'mechanisms', 'people', 'orgs'];
  const run = (subwords: boolean) => loaded.index.query((qb) => {
    for (const name of free.names) qb.term(name.toLowerCase(), { fields: ['mechanisms'], boost: 20, usePipeline: false });
    for (const t of free.terms) {
      qb.term(t, { fields, usePipeline: false });
      // Sub-word recall: a term inside a longer token (农业 in 中国农业发展银行), ranked below exact ones.
      if (subwords && [...t].length >= 2) qb.term(t, { fields: ['body', 'title'], usePipeline: false, boost: 0.2, wildcard: lunr.Query.wildcard.LEADING | lunr.Query.wildcard.TRAILING });
    }
    // lunr applies presence per field: asked of the body, which holds the whole text.
    for (const t of required) qb.term(t, { fields: ['body'], usePipeline: false, presence: lunr.Query.presence.REQUIRED });
    for (const t of excluded) qb.term(t, { fields: ['body'], usePipeline: false, presence: lunr.Query.presence.PROHIBITED });
  });
  // Wildcard expansion is the costly part of a query: only when exact terms leave room in the page.
  let results = run(false);
  if (results.length < limit && free.terms.length) results = run(true);
  const f = q.filters;
  const hits: SearchHit[] = [];
  for (const r of results) {
    const d = loaded.saved.docs[r.ref];
    const year = d.date ? Number(d.date.slice(0, 4)) : null;
    if (f.yearFrom !== undefined && (year === null || year < f.yearFrom || year > f.yearTo!)) continue;
    if (f.source && !(d.source ?? '').includes(f.source)) continue;
    if (f.type && d.doc_type !== f.type) continue;
    if (f.org && !d.orgs.some((o) => o.includes(simplify(f.org!)))) continue;
    hits.push({ ...d, score: Math.round(r.score * 1000) / 1000, snippet: '', match: null, parts: ['', '', ''] });
    if (hits.length >= limit * CANDIDATE_FACTOR) break;
  }
  return { hits, needles: [...free.names, ...free.terms, ...required].sort((a, b) => b.length - a.length), phrases };
}

/**
 * Finish hits with the documents' texts: phrase queries keep only texts that contain the phrase, and
 * each hit gets a snippet around its match, whose offsets come from the stored tokens (`matches`).
 */
export function finishHits(result: SearchResult, texts: Map<string, string>, matches: Map<string, { start: number; end: number }>, limit: number, width = 30): SearchHit[] {
  const out: SearchHit[] = [];
  for (const h of result.hits) {
    const text = texts.get(h.doc_id) ?? '';
    if (result.phrases.some((p) => !text.includes(p))) continue;
    let match = matches.get(h.doc_id) ?? null;
    const phrase = result.phrases.find((p) => text.includes(p));
    if (phrase) {
      const i = text.indexOf(phrase);
      match = { start: i, end: i + phrase.length };
    }
    const flat = (x: string) => x.replace(/\n/gu, ' ');
    const parts: [string, string, string] = match
      ? [flat(text.slice(Math.max(0, match.start - width), match.start)), flat(text.slice(match.start, match.end)), flat(text.slice(match.end, match.end + width))]
      : [flat(text.slice(0, 2 * width)), '', ''];
    const snippet = match ? `${parts[0]}【${parts[1]}】${parts[2]}` : parts[0];
    out.push({ ...h, match, snippet, parts });
    if (out.length >= limit) break;
  }
  return out;
}
