import { statSync, writeFileSync } from 'node:fs';
import lunr from 'lunr';
import type { Span } from '../model/span.js';
import { subwords } from '../segment/segment.js';
import type { Store } from '../store/duckdb.js';

export const INDEX_FILE = 'index.json';
export const INDEX_VERSION = 2;

export interface IndexedDoc {
  file: string;
  title: string | null;
  date: string | null;
  source: string | null;
  doc_type: string | null;
  /** Org names mentioned (resolved), for the org: filter. */
  orgs: string[];
}

/** A token handed to lunr with its offsets in the document text, so a hit knows where it matched. */
interface PositionedToken { w: string; start: number; end: number }

export interface SavedIndex {
  version: number;
  builtAt: string;
  /** mtime (ms) of the database the index was built from: a newer database makes the index stale. */
  dbMtimeMs: number;
  docs: Record<string, IndexedDoc>;
  index: object;
}

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
    // Our tokens arrive as {w, start, end}: lunr keeps their offsets as match metadata.
    this.tokenizer = ((value: unknown, metadata: object) => {
      // lunr passes field metadata as a second argument its type declarations leave out.
      if (!Array.isArray(value)) return (lunr.tokenizer as unknown as (v: unknown, m: object) => lunr.Token[])(value, metadata);
      return value.map((t: PositionedToken | string, i: number) => typeof t === 'string'
        ? new lunr.Token(t.toLowerCase(), { ...metadata, index: i })
        : new lunr.Token(t.w.toLowerCase(), { ...metadata, index: i, position: [t.start, t.end - t.start] }));
    }) as typeof lunr.tokenizer;
    this.metadataWhitelist = ['position'];
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
      // Coarse tokens for precision, sub-words (农业 in 中国农业发展银行) for recall, all with offsets.
      const body: PositionedToken[] = [];
      for (const t of toks) {
        for (const span of [t, ...subwords(text, t)]) {
          const w = text.slice(span.start, span.end);
          if (/[\p{L}\p{N}]/u.test(w)) body.push({ w, start: span.start, end: span.end });
        }
      }
      const title = String(d.title ?? '');
      const docOrgs = [...new Set(orgs.get(id) ?? [])];
      this.add({
        id, title: title ? [title, ...title.split(/[\s“”"，,：:]/u)].filter(Boolean) : [], body,
        mechanisms: mechanisms.get(id) ?? [], people: people.get(id) ?? [], orgs: docOrgs,
      });
      meta[id] = { file: String(d.file), title: d.title, date: d.date, source: d.source, doc_type: d.doc_type, orgs: docOrgs };
    }
  });
  const saved: SavedIndex = { version: INDEX_VERSION, builtAt: new Date().toISOString(), dbMtimeMs: statSync(dbPath).mtimeMs, docs: meta, index: index.toJSON() };
  const json = JSON.stringify(saved);
  writeFileSync(outFile, json);
  return { documents: docs.length, bytes: Buffer.byteLength(json) };
}
