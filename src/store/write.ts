import { DuckDBAppender, INTEGER, LIST, VARCHAR, dateValue, listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { Document } from '../model/document.js';
import { labelOf } from '../model/tokens.js';
import type { Store } from './duckdb.js';
import { ident } from './duckdb.js';
import { sqlList } from './sql.js';
import { type Cell, type ColumnType, DOCUMENT_SPECS, flagsTable, type RowContext } from './tables.js';

/** Tables that hold rows per document (deleted and rewritten when a document is stored again). */
export const DOCUMENT_TABLES = [...DOCUMENT_SPECS.map((t) => t.name), 'tokens'];

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

function appendCell(a: DuckDBAppender, type: ColumnType, v: Cell): void {
  if (v === null || v === undefined) return a.appendNull();
  switch (type) {
    case 'VARCHAR': return a.appendVarchar(String(v));
    case 'INTEGER': return a.appendInteger(Number(v));
    case 'BIGINT': return a.appendBigInt(BigInt(Number(v)));
    case 'DOUBLE': return a.appendDouble(Number(v));
    case 'BOOLEAN': return a.appendBoolean(Boolean(v));
    case 'DATE': {
      const [y, m, d] = String(v).split('-').map(Number);
      return a.appendDate(dateValue({ year: y, month: m, day: d }));
    }
    case 'VARCHAR[]': return a.appendList(listValue((v as string[]).map(String)), LIST(VARCHAR));
    case 'INTEGER[]': return a.appendList(listValue((v as number[]).map(Number)), LIST(INTEGER));
  }
}

/** UTF-16 offsets as code points: only text with astral characters differs, so only it pays for a search. */
function codePoints(text: string): (offset: number) => number {
  const highs: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) highs.push(k);
  }
  if (!highs.length) return (offset) => offset;
  return (offset) => {
    // Pairs wholly before the offset each count one code unit too many.
    let lo = 0;
    let hi = highs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (highs[mid] + 1 < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset - lo;
  };
}

/** The shared context of one document's rows; spans the offset map cannot place are counted for a flag. */
function rowContext(doc: Document, runId: string, pipelineHash: string): { ctx: RowContext; unmapped: () => number } {
  let failures = 0;
  const ctx: RowContext = {
    doc, runId, pipelineHash,
    original(start, end) {
      try {
        return doc.textToOriginal.mapRange(start, end);
      } catch {
        failures++;
        return [null, null];
      }
    },
    codePoint: codePoints(doc.text),
    codePointOriginal: (() => {
      const cp = codePoints(doc.original);
      return (offset: number | null) => (offset === null ? null : cp(offset));
    })(),
  };
  return { ctx, unmapped: () => failures };
}

/** Rows of every table but tokens for one document, each row in its table's column order. */
export function rowsOf(doc: Document, runId: string, pipelineHash: string): Record<string, Cell[][]> {
  const { ctx, unmapped } = rowContext(doc, runId, pipelineHash);
  const out: Record<string, Cell[][]> = {};
  const build = (spec: (typeof DOCUMENT_SPECS)[number]) => spec.rows(doc, ctx).map((r: unknown) => spec.columns.map((c: { get: (r: unknown, c: RowContext) => Cell }) => c.get(r, ctx)));
  for (const spec of DOCUMENT_SPECS) if (spec !== flagsTable) out[spec.name] = build(spec);
  // Flags last: a span the offset map could not place is a finding of its own, never an offset into the wrong text.
  const n = unmapped();
  const flags = n ? [...doc.flags, { ruleId: 'offsets.unmapped', by: 'store.write@1', severity: 'warning' as const, reason: `${n} span(s) could not be mapped to the published text; their orig_start and orig_end are null`, data: { spans: n } }] : doc.flags;
  out[flagsTable.name] = flags.map((f) => flagsTable.columns.map((c) => c.get(f, ctx)));
  return out;
}

/**
 * Store a batch of documents in one transaction: rows of documents already stored (same content hash)
 * are deleted first, so a re-run never duplicates rows; bulk rows go through the appender, column by
 * column as the table specs (store/tables.ts) declare them.
 */
export async function writeBatch(store: Store, docs: Document[], runId: string, pipelineHash: string, opts: { tokens?: boolean } = {}): Promise<number> {
  if (!docs.length) return 0;
  const c = store.connection;
  const idList = sqlList(new Set(docs.map((d) => d.id)));
  let rowsWritten = 0;
  await c.run('BEGIN TRANSACTION');
  try {
    for (const t of DOCUMENT_TABLES) await c.run(`DELETE FROM ${ident(t)} WHERE doc_id IN (${idList})`);
    // The same content in two inputs is one document; the last input read wins, as across batches.
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    const all: Record<string, Cell[][]> = Object.fromEntries(DOCUMENT_SPECS.map((t) => [t.name, []]));
    for (const d of unique) {
      const r = rowsOf(d, runId, pipelineHash);
      for (const t of DOCUMENT_SPECS) all[t.name].push(...r[t.name]);
    }
    for (const spec of DOCUMENT_SPECS) {
      const rows = all[spec.name];
      if (!rows.length) continue;
      const a = await c.createAppender(spec.name);
      try {
        for (const row of rows) {
          row.forEach((v, k) => appendCell(a, spec.columns[k].type, v));
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
