import { closeSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import lunr from 'lunr';
import type { Store } from '../store/duckdb.js';

export const INDEX_FILE = 'index.json';
export const INDEX_VERSION = 4;
/** Documents (and their tokens) read in one query while the index is built: bounds the build's memory. */
const INDEX_CHUNK = 500;
/** A body token worth indexing: has a letter or digit (punctuation tokens are not searched). */
const WORD = /[\p{L}\p{N}]/u;

export interface IndexedDoc {
  doc_id: string;
  file: string;
  title: string | null;
  date: string | null;
  source: string | null;
  doc_type: string | null;
  /** Org names mentioned (resolved), for the org: filter. */
  orgs: string[];
}

export interface SavedIndex {
  version: number;
  builtAt: string;
  /** mtime (ms) of the database the index was built from: a newer database makes the index stale. */
  dbMtimeMs: number;
  /** By the index's own short reference (see `shortRef`), not by doc_id. */
  docs: Record<string, IndexedDoc>;
  index: object;
}

/**
 * The reference lunr stores in every posting: the document's ordinal in base 36 (2-3 characters) instead
 * of its 16-character doc_id. Postings are most of the index; this made a 10,000-document index a third
 * smaller and as much faster to load.
 */
const shortRef = (ordinal: number) => ordinal.toString(36);

/** Bytes written per write call while the index file is streamed out. */
const WRITE_CHUNK = 1 << 20;

/**
 * The index as JSON, written a posting list at a time: one JSON.stringify of a large corpus's index is a
 * string of hundreds of megabytes (twice that as UTF-16), the largest allocation of a run. Written under
 * a temporary name and renamed, so a reader never sees half an index. Returns the bytes written.
 */
function writeIndexFile(outFile: string, saved: SavedIndex): number {
  const tmp = `${outFile}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let buf = '';
  let bytes = 0;
  const put = (s: string) => {
    buf += s;
    if (buf.length >= WRITE_CHUNK) flush();
  };
  const flush = () => {
    if (buf) bytes += writeSync(fd, buf);
    buf = '';
  };
  const array = (items: unknown[]) => {
    put('[');
    items.forEach((x, i) => put((i ? ',' : '') + JSON.stringify(x)));
    put(']');
  };
  try {
    const { index, ...head } = saved;
    put(JSON.stringify(head).slice(0, -1) + ',"index":{');
    Object.entries(index as Record<string, unknown>).forEach(([k, v], i) => {
      put(`${i ? ',' : ''}${JSON.stringify(k)}:`);
      if (Array.isArray(v)) array(v);
      else put(JSON.stringify(v));
    });
    put('}}');
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, outFile);
  return bytes;
}

/** Build the lunr index from a run's database, with the same tokens as the segmenter at query time. */
export async function buildIndex(store: Store, dbPath: string, outFile: string): Promise<{ documents: number; bytes: number }> {
  const c = store.connection;
  const ids = ((await c.runAndReadAll('SELECT doc_id FROM documents WHERE failed IS NULL ORDER BY doc_id')).getRows() as [string][]).map((r) => String(r[0]));
  const group = async (sql: string) => {
    const m = new Map<string, string[]>();
    for (const [doc, v] of (await c.runAndReadAll(sql)).getRows() as [string, string][]) {
      const list = m.get(doc) ?? [];
      list.push(String(v));
      m.set(doc, list);
    }
    return m;
  };
  const mechanisms = await group('SELECT doc_id, name FROM mechanisms');
  const people = await group('SELECT doc_id, name FROM people');
  const orgs = await group('SELECT DISTINCT doc_id, name FROM orgs');

  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  // Fields arrive already segmented (our tokens). No token metadata is kept (positions for every posting
  // doubled the index's size and load time); a hit's offset comes from the stored tokens instead.
  builder.tokenizer = ((value: unknown, metadata: object) => {
    // lunr passes field metadata as a second argument its type declarations leave out.
    if (!Array.isArray(value)) return (lunr.tokenizer as unknown as (v: unknown, m: object) => lunr.Token[])(value, metadata);
    return value.map((t: string) => new lunr.Token(t.toLowerCase(), metadata));
  }) as typeof lunr.tokenizer;
  builder.ref('id');
  builder.field('title', { boost: 2 });
  builder.field('body');
  builder.field('mechanisms', { boost: 10 });
  builder.field('people');
  builder.field('orgs');

  // Documents and their tokens are read a chunk at a time, so the build never holds the whole corpus.
  const meta: Record<string, IndexedDoc> = {};
  let ordinal = 0;
  for (let i = 0; i < ids.length; i += INDEX_CHUNK) {
    const list = ids.slice(i, i + INDEX_CHUNK).map((x) => `'${x.replace(/'/g, "''")}'`).join(',');
    const docs = (await c.runAndReadAll(`SELECT doc_id, file, title, CAST(date AS VARCHAR) AS date, source, doc_type, text FROM documents WHERE doc_id IN (${list}) ORDER BY doc_id`)).getRowObjectsJson() as Record<string, string | null>[];
    // One row of offset lists per document: materialising a JS row per token was most of the build's time.
    const tokens = new Map<string, { starts: number[]; ends: number[] }>();
    const sql = `SELECT doc_id, list(start ORDER BY idx) AS starts, list("end" ORDER BY idx) AS ends FROM tokens WHERE doc_id IN (${list}) GROUP BY doc_id`;
    for (const [doc, starts, ends] of (await c.runAndReadAll(sql)).getRowsJS() as [string, number[], number[]][]) tokens.set(doc, { starts, ends });
    for (const d of docs) {
      const id = String(d.doc_id);
      const text = String(d.text ?? '');
      // Coarse tokens only: sub-word recall (农业 in 中国农业发展银行) comes from wildcard terms at query time.
      const body: string[] = [];
      const { starts = [], ends = [] } = tokens.get(id) ?? {};
      for (let k = 0; k < starts.length; k++) {
        const w = text.slice(starts[k], ends[k]);
        if (WORD.test(w)) body.push(w);
      }
      const title = String(d.title ?? '');
      const docOrgs = orgs.get(id) ?? [];
      const ref = shortRef(ordinal++);
      builder.add({
        id: ref, title: title ? [title, ...title.split(/[\s“”"，,：:]/u)].filter(Boolean) : [], body,
        mechanisms: mechanisms.get(id) ?? [], people: people.get(id) ?? [], orgs: docOrgs,
      });
      meta[ref] = { doc_id: id, file: String(d.file), title: d.title, date: d.date, source: d.source, doc_type: d.doc_type, orgs: docOrgs };
    }
  }
  const index = builder.build();
  const saved: SavedIndex = { version: INDEX_VERSION, builtAt: new Date().toISOString(), dbMtimeMs: statSync(dbPath).mtimeMs, docs: meta, index: index.toJSON() };
  return { documents: ids.length, bytes: writeIndexFile(outFile, saved) };
}
