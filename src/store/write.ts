import { DuckDBAppender, type DuckDBConnection, INTEGER, LIST, VARCHAR, dateValue, listValue } from '@duckdb/node-api';
import type { Mechanism, Metric, OrgMention, OrgSystem, OrgUnit, Person } from '../extract/types.js';
import { sentenceAt } from '../extract/sentences.js';
import type { Document } from '../model/document.js';
import type { OffsetMap } from '../model/offsetMap.js';
import { labelOf } from '../model/tokens.js';
import type { Store } from './duckdb.js';
import { ident } from './duckdb.js';

/** Column kinds the appender writes: varchar, integer, double, boolean, date, varchar list, integer list. */
type Kind = 'v' | 'i' | 'd' | 'b' | 'date' | 'vl' | 'il';
type Cell = string | number | boolean | null | string[] | number[];

const TABLES: Record<string, Kind[]> = {
  documents: ['v', 'v', 'v', 'i', 'v', 'v', 'v', 'i', 'v', 'v', 'date', 'i', 'v', 'vl', 'vl', 'v', 'v', 'v', 'v', 'v', 'v', 'il', 'v', 'v', 'v'],
  flags: ['v', 'v', 'v', 'v', 'v', 'v', 'i', 'i', 'v'],
  orgs: ['v', 'v', 'v', 'v', 'b', 'i', 'i', 'i', 'i'],
  mechanisms: ['v', 'v', 'v', 'v', 'v', 'v', 'v', 'vl', 'vl', 'v', 'i', 'b', 'v', 'i', 'i', 'i', 'i', 'v', 'v', 'v'],
  mechanism_components: ['v', 'v', 'i', 'v'],
  mechanism_mentions: ['v', 'v', 'v', 'i', 'i', 'i', 'i', 'v'],
  metrics: ['v', 'd', 'v', 'v', 'v', 'v', 'v', 'v', 'i', 'i', 'i', 'i', 'v', 'v', 'v'],
  people: ['v', 'v', 'vl', 'v', 'v', 'i', 'i', 'i', 'i', 'v', 'v', 'v'],
  org_systems: ['v', 'v', 'vl', 'i', 'i', 'i', 'i', 'v', 'v', 'v'],
  org_units: ['v', 'v', 'i', 'v', 'i', 'i', 'i', 'i', 'v', 'v', 'v'],
};

/** Tables that hold rows per document (deleted and rewritten when a document is stored again). */
export const DOCUMENT_TABLES = [...Object.keys(TABLES), 'tokens'];

/**
 * Tokens are most of a run's rows. A row per token through the appender cost about as much as every other
 * table together, so each document's tokens arrive as four JSON arrays in one staging row and DuckDB
 * unnests them (JSON, not a separator, because a token may hold any character).
 */
const TOKEN_STAGE = 'token_stage';
const STAGE_TOKENS = `INSERT INTO tokens
  SELECT doc_id, unnest(range(len(starts)))::INTEGER, unnest(from_json(token, '["VARCHAR"]')), unnest(from_json(pos, '["VARCHAR"]')),
         unnest(starts), unnest(from_json("end", '["INTEGER"]'))
  FROM (SELECT *, from_json(start, '["INTEGER"]') AS starts FROM ${TOKEN_STAGE})`;

type TokenSource = Pick<Document, 'id' | 'text' | 'tokens'>;

function tokenStageRow(doc: TokenSource): string[] {
  const t = doc.tokens;
  return [
    doc.id,
    JSON.stringify(t.words(doc.text)),
    JSON.stringify(Array.from(t.posIds, labelOf)),
    `[${t.starts.join(',')}]`,
    `[${t.ends.join(',')}]`,
  ];
}

function appendCell(a: DuckDBAppender, kind: Kind, v: Cell): void {
  if (v === null || v === undefined) return a.appendNull();
  switch (kind) {
    case 'v': return a.appendVarchar(String(v));
    case 'i': return a.appendInteger(Number(v));
    case 'd': return a.appendDouble(Number(v));
    case 'b': return a.appendBoolean(Boolean(v));
    case 'date': {
      const [y, m, d] = String(v).split('-').map(Number);
      return a.appendDate(dateValue({ year: y, month: m, day: d }));
    }
    case 'vl': return a.appendList(listValue((v as string[]).map(String)), LIST(VARCHAR));
    case 'il': return a.appendList(listValue((v as number[]).map(Number)), LIST(INTEGER));
  }
}

/** Offset map as breakpoints [textOffset, originalOffset, ...] where the map stops being a shift. */
export function offsetRuns(map: OffsetMap): number[] {
  const pts = map.toArray();
  const runs: number[] = [];
  for (let i = 0; i < pts.length; i++) {
    if (i === 0 || pts[i] - pts[i - 1] !== 1 || i === pts.length - 1) runs.push(i, pts[i]);
  }
  return runs;
}

/** Insert the tokens of these documents, inside the caller's transaction; returns the rows inserted. */
export async function insertTokens(c: DuckDBConnection, docs: TokenSource[]): Promise<number> {
  const withTokens = docs.filter((d) => d.tokens.length);
  if (!withTokens.length) return 0;
  await c.run(`CREATE TEMP TABLE IF NOT EXISTS ${TOKEN_STAGE} (doc_id VARCHAR, token VARCHAR, pos VARCHAR, start VARCHAR, "end" VARCHAR)`);
  const a = await c.createAppender(TOKEN_STAGE);
  try {
    for (const d of withTokens) {
      for (const v of tokenStageRow(d)) a.appendVarchar(v);
      a.endRow();
    }
    a.flushSync();
  } finally {
    a.closeSync();
  }
  await c.run(STAGE_TOKENS);
  await c.run(`DELETE FROM ${TOKEN_STAGE}`);
  return withTokens.reduce((n, d) => n + d.tokens.length, 0);
}

/** Rows of every table but tokens for one document. */
export function rowsOf(doc: Document, runId: string, pipelineHash: string): Record<string, Cell[][]> {
  const id = doc.id;
  const m = doc.meta;
  const orig = (s: number, e: number): [number, number] => {
    try {
      return doc.textToOriginal.mapRange(s, e);
    } catch {
      return [s, e];
    }
  };
  const prov = (x: { start: number; end: number; evidence: string }, stage: string): Cell[] => {
    const [os, oe] = orig(x.start, x.end);
    return [x.start, x.end, os, oe, x.evidence, stage];
  };
  const rows: Record<string, Cell[][]> = Object.fromEntries(Object.keys(TABLES).map((t) => [t, []]));
  rows.documents.push([
    id, doc.source.file, doc.source.path, doc.source.item, doc.source.format, doc.source.encoding, doc.source.sha256, doc.source.bytes,
    m.title, m.subtitle, m.date, m.date ? Number(m.date.slice(0, 4)) : null, m.source, m.authors, m.editors, m.doc_type, m.script, m.variant, m.url,
    doc.original, doc.text, doc.failed ? [] : offsetRuns(doc.textToOriginal), doc.failed, runId, pipelineHash,
  ]);
  for (const f of doc.flags) {
    rows.flags.push([id, f.ruleId, f.by, f.severity, f.reason, f.span?.layer ?? null, f.span?.start ?? null, f.span?.end ?? null, f.data ? JSON.stringify(f.data) : null]);
  }
  for (const s of doc.spans.orgs ?? []) {
    const o = s.attrs as unknown as OrgMention;
    rows.orgs.push([id, o.surface, o.name, o.level, o.cppcc, o.start, o.end, ...orig(o.start, o.end)]);
  }
  const mechIds = new Map<string, string>();
  ((doc.extracted.mechanisms ?? []) as Mechanism[]).forEach((x, i) => {
    const mechId = `${id}:${i}`;
    for (const n of [x.name, ...x.variants]) mechIds.set(n, mechId);
    const p = prov(x, 'extract.mechanisms@1');
    rows.mechanisms.push([id, mechId, x.name, x.surface, x.kind, x.category, x.org, x.components, x.variants, x.english, x.expected, x.countMismatch, x.source, ...p, runId]);
    x.components.forEach((comp, k) => rows.mechanism_components.push([id, mechId, k, comp]));
  });
  const sentences = doc.spans.sentences ?? [];
  for (const s of doc.spans.mechanisms ?? []) {
    const name = String(s.attrs?.name ?? '');
    const sent = sentenceAt(sentences, s.start);
    rows.mechanism_mentions.push([id, mechIds.get(name) ?? null, name, s.start, s.end, ...orig(s.start, s.end), sent ? doc.text.slice(sent.start, sent.end) : null]);
  }
  for (const x of (doc.extracted.metrics ?? []) as Metric[]) {
    rows.metrics.push([id, x.value, x.unit, x.qualifier, x.indicator, x.org, x.period, x.surface, ...prov(x, 'extract.metrics@1'), runId]);
  }
  for (const x of (doc.extracted.people ?? []) as Person[]) {
    rows.people.push([id, x.name, x.titles, x.org, x.role, ...prov(x, 'extract.people@1'), runId]);
  }
  for (const x of (doc.extracted.org_systems ?? []) as OrgSystem[]) {
    rows.org_systems.push([id, x.owner, x.units, ...prov(x, 'extract.orgStructures@1'), runId]);
  }
  for (const x of (doc.extracted.org_units ?? []) as OrgUnit[]) {
    rows.org_units.push([id, x.name, x.count, x.org, ...prov(x, 'extract.orgStructures@1'), runId]);
  }
  return rows;
}

/**
 * Store a batch of documents in one transaction: rows of documents already stored (same content hash)
 * are deleted first, so a re-run never duplicates rows; bulk rows go through the appender.
 */
export async function writeBatch(store: Store, docs: Document[], runId: string, pipelineHash: string, opts: { tokens?: boolean } = {}): Promise<number> {
  if (!docs.length) return 0;
  const c = store.connection;
  const ids = [...new Set(docs.map((d) => d.id))];
  const idList = ids.map((x) => `'${x.replace(/'/g, "''")}'`).join(',');
  let rowsWritten = 0;
  await c.run('BEGIN TRANSACTION');
  try {
    for (const t of DOCUMENT_TABLES) await c.run(`DELETE FROM ${ident(t)} WHERE doc_id IN (${idList})`);
    // The same content in two inputs is one document; the last input read wins, as across batches.
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    const all: Record<string, Cell[][]> = Object.fromEntries(Object.keys(TABLES).map((t) => [t, []]));
    for (const d of unique) {
      const r = rowsOf(d, runId, pipelineHash);
      for (const t of Object.keys(TABLES)) all[t].push(...r[t]);
    }
    for (const [t, rows] of Object.entries(all)) {
      if (!rows.length) continue;
      const a = await c.createAppender(t);
      try {
        const kinds = TABLES[t];
        for (const row of rows) {
          row.forEach((v, k) => appendCell(a, kinds[k], v));
          a.endRow();
        }
        a.flushSync();
      } finally {
        a.closeSync();
      }
      rowsWritten += rows.length;
    }
    if (opts.tokens !== false) rowsWritten += await insertTokens(c, unique);
    await c.run('COMMIT');
  } catch (e) {
    // After a write failure (disk full) the rollback may fail too; the original error is the one to report.
    await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  return rowsWritten;
}
