import { existsSync, readFileSync, statSync } from 'node:fs';
import lunr from 'lunr';
import { lexicon } from '../extract/lexicon.js';
import { CppccError } from '../model/errors.js';
import { simplify } from '../normalize/script.js';
import { segmentText } from '../segment/segment.js';
import type { IndexedDoc, SavedIndex } from './buildIndex.js';

export interface SearchHit extends IndexedDoc {
  doc_id: string;
  score: number;
  snippet: string;
  /** Offsets of the highlighted match in the document's text. */
  match: { start: number; end: number } | null;
}

export interface LoadedIndex {
  saved: SavedIndex;
  index: lunr.Index;
}

/** Load a saved index; a database newer than the index is reported (E014), never silently served. */
export function loadIndex(indexFile: string, dbFile: string): LoadedIndex {
  if (!existsSync(indexFile)) throw new CppccError('E012', { input: indexFile });
  const saved = JSON.parse(readFileSync(indexFile, 'utf8')) as SavedIndex;
  if (existsSync(dbFile) && statSync(dbFile).mtimeMs > saved.dbMtimeMs + 1) throw new CppccError('E014', { input: indexFile });
  return { saved, index: lunr.Index.load(saved.index) };
}

/**
 * Query understanding: any script → Simplified; English (four ones) → the mechanism names whose
 * English name it is (lexicon and generated names); then the same segmenter as the index.
 */
export function expandQuery(query: string, englishNames: Map<string, string[]>): { terms: string[]; names: string[] } {
  const simplified = simplify(query.trim());
  const names = new Set<string>();
  const q = simplified.toLowerCase().replace(/["“”]/gu, '').trim();
  if (/[a-z]/u.test(q)) {
    for (const [name, english] of englishNames) {
      if (english.some((e) => e.toLowerCase() === q || e.toLowerCase().replace(/[-']/gu, ' ') === q)) names.add(name);
    }
  }
  if (/\p{Script=Han}/u.test(simplified)) names.add(simplified.replace(/["“”\s]/gu, ''));
  const terms = new Set<string>();
  for (const part of [simplified, ...names]) {
    for (const t of segmentText(part)) {
      const w = part.slice(t.start, t.end).toLowerCase();
      if (/[\p{L}\p{N}]/u.test(w)) terms.add(w);
    }
  }
  return { terms: [...terms], names: [...names] };
}

/** English names of mechanisms: the lexicon's plus those the run generated (from the database). */
export function englishNameTable(fromDb: { name: string; english: string | null }[]): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const e of lexicon().values()) table.set(e.simplified, [...e.english]);
  for (const r of fromDb) if (r.english) table.set(r.name, [...new Set([...(table.get(r.name) ?? []), r.english])]);
  return table;
}

/** Run a query: ranked hits (without snippets) and the terms that were searched. */
export function search(loaded: LoadedIndex, query: string, englishNames: Map<string, string[]>, limit = 10): { hits: SearchHit[]; needles: string[] } {
  const { terms, names } = expandQuery(query, englishNames);
  if (!terms.length && !names.length) return { hits: [], needles: [] };
  const results = loaded.index.query((qb) => {
    for (const name of names) qb.term(name.toLowerCase(), { fields: ['mechanisms'], boost: 20, usePipeline: false });
    for (const t of terms) qb.term(t, { fields: ['title', 'body', 'mechanisms', 'people', 'orgs'], usePipeline: false });
  }).slice(0, limit);
  const hits = results.map((r) => ({ doc_id: r.ref, ...loaded.saved.docs[r.ref], score: Math.round(r.score * 1000) / 1000, snippet: '', match: null }));
  return { hits, needles: [...names, ...terms].sort((a, b) => b.length - a.length) };
}

/** Context of the best match (longest searched term first), the match marked with 【】. */
export function addSnippet(hit: SearchHit, text: string, needles: string[], width = 30): SearchHit {
  const lower = text.toLowerCase();
  for (const n of needles) {
    const i = lower.indexOf(n.toLowerCase());
    if (i < 0) continue;
    const match = { start: i, end: i + n.length };
    const snippet = `${text.slice(Math.max(0, i - width), i)}【${text.slice(i, match.end)}】${text.slice(match.end, match.end + width)}`.replace(/\n/gu, ' ');
    return { ...hit, snippet, match };
  }
  return { ...hit, snippet: text.slice(0, 2 * width).replace(/\n/gu, ' '), match: null };
}
