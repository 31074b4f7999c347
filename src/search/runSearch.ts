import { listValue } from '@duckdb/node-api';
import type { Store } from '../store/duckdb.js';
import { englishNamesFromStore, finishHits, search, type LoadedIndex, type SearchHit } from './query.js';

export interface SearchRun {
  hits: SearchHit[];
  /** Every candidate before the limit (for facet counts), with the index's fields. */
  candidates: SearchHit[];
}

/**
 * A query end to end against a run: ranked hits from the index, phrase checks and snippets from the stored
 * texts, match offsets from the stored tokens. Shared by `cppcc search` and the web workbench.
 */
export async function runSearch(store: Store, loaded: LoadedIndex, query: string, limit: number): Promise<SearchRun> {
  const found = search(loaded, query, await englishNamesFromStore(store), limit);
  const texts = new Map<string, string>();
  const matches = new Map<string, { start: number; end: number }>();
  if (found.hits.length) {
    const ids = found.hits.map((h) => `'${h.doc_id.replace(/'/g, "''")}'`).join(',');
    for (const r of (await store.connection.runAndReadAll(`SELECT doc_id, text FROM documents WHERE doc_id IN (${ids})`)).getRowObjectsJson() as { doc_id: string; text: string }[]) texts.set(r.doc_id, r.text);
    // The best match of each hit from the aligned tokens: the longest searched term, first occurrence,
    // also inside a longer token (农业 in 中国农业发展银行: the token's start plus the term's place in it).
    if (found.needles.length) {
      const sql = `SELECT doc_id, arg_min(start + instr(lower(token), n) - 1, (-length(n), start)) AS s, arg_min(length(n), (-length(n), start)) AS l
        FROM tokens, unnest($1) AS t(n) WHERE doc_id IN (${ids}) AND contains(lower(token), n) GROUP BY doc_id`;
      for (const [doc, start, len] of (await store.connection.runAndReadAll(sql, [listValue(found.needles)])).getRows() as [string, number, number][]) {
        matches.set(String(doc), { start: Number(start), end: Number(start) + Number(len) });
      }
    }
  }
  const candidates = finishHits(found, texts, matches, Number.MAX_SAFE_INTEGER);
  return { hits: candidates.slice(0, limit), candidates };
}
