import { statSync, writeFileSync } from 'node:fs';
import lunr from 'lunr';
import type { Span } from '../model/span.js';
import { subwords } from '../segment/segment.js';
import type { Store } from '../store/duckdb.js';

export const INDEX_FILE = 'index.json';
export const INDEX_VERSION = 1;

export interface IndexedDoc {
  file: string;
  title: string | null;
  date: string | null;
  source: string | null;
  doc_type: string | null;
}

export interface SavedIndex {
  version: number;
  builtAt: string;
  /** mtime (ms) of the database the index was built from: a newer database makes the index stale. */
  dbMtimeMs: number;
  docs: Record<string, IndexedDoc>;
  index: object;
}

/** Index terms are lower-cased tokens; lunr's own (English) pipeline is reset on both sides. */
const norm = (s: string) => s.toLowerCase();

/** Build the lunr index from a run's database, with the same tokens as the segmenter at query time. */
export async function buildIndex(store: Store, dbPath: string, outFile: string): Promise<{ documents: number; bytes: number }> {
  const c = store.connection;
  const docs = (await c.runAndReadAll(
    `SELECT doc_id, file, title, CAST(date AS VARCHAR) AS date, source, doc_type, text FROM documents WHERE failed IS NULL ORDER BY doc_id`,
  )).getRowObjectsJson() as Record<string, string | null>[];
  const group = async (sql: string) => {
    const m = new Map<string, string[]>();
    for (const r of (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string>[]) {
      const list = m.get(r.doc_id) ?? [];
      list.push(r.v);
      m.set(r.doc_id, list);
    }
    return m;
  };
  const mechanisms = await group('SELECT doc_id, name AS v FROM mechanisms');
  const people = await group('SELECT doc_id, name AS v FROM people');
  const orgs = await group('SELECT doc_id, name AS v FROM orgs');
  const tokens = new Map<string, Span[]>();
  for (const r of (await c.runAndReadAll('SELECT doc_id, start, "end" FROM tokens ORDER BY doc_id, idx')).getRowObjectsJson() as Record<string, string | number>[]) {
    const list = tokens.get(String(r.doc_id)) ?? [];
    list.push({ start: Number(r.start), end: Number(r.end), layer: 'text', label: 'token', by: 'store' });
    tokens.set(String(r.doc_id), list);
  }
  const meta: Record<string, IndexedDoc> = {};
  const index = lunr(function () {
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.ref('id');
    this.field('title', { boost: 2 });
    this.field('body');
    this.field('mechanisms', { boost: 10 });
    this.field('people');
    this.field('orgs');
    for (const d of docs) {
      const id = String(d.doc_id);
      const text = String(d.text ?? '');
      const toks = tokens.get(id) ?? [];
      // Coarse tokens for precision, sub-words (农业 in 中国农业发展银行) for recall.
      const body = toks.flatMap((t) => [text.slice(t.start, t.end), ...subwords(text, t).map((s) => text.slice(s.start, s.end))])
        .filter((w) => /[\p{L}\p{N}]/u.test(w)).map(norm);
      const title = String(d.title ?? '');
      this.add({
        id, title: title ? [title, ...title.split(/[\s“”"，,：:]/u)].filter(Boolean).map(norm) : [], body,
        mechanisms: (mechanisms.get(id) ?? []).map(norm), people: people.get(id) ?? [], orgs: orgs.get(id) ?? [],
      });
      meta[id] = { file: String(d.file), title: d.title, date: d.date, source: d.source, doc_type: d.doc_type };
    }
  });
  const saved: SavedIndex = { version: INDEX_VERSION, builtAt: new Date().toISOString(), dbMtimeMs: statSync(dbPath).mtimeMs, docs: meta, index: index.toJSON() };
  const json = JSON.stringify(saved);
  writeFileSync(outFile, json);
  return { documents: docs.length, bytes: Buffer.byteLength(json) };
}
