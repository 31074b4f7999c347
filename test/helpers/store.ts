import { join } from 'node:path';
import { DB_FILE } from '../../src/run/runCorpus.js';
import { openStore } from '../../src/store/duckdb.js';

/** Tables whose row counts two runs are compared on. */
export const STORE_TABLES = ['documents', 'flags', 'tokens', 'orgs', 'mechanisms', 'mechanism_components', 'mechanism_mentions', 'metrics', 'people', 'org_systems', 'org_units'];

/** Row count of every table in a run folder's database. */
export async function rowCounts(out: string): Promise<Record<string, number>> {
  const store = await openStore(join(out, DB_FILE), { readOnly: true });
  try {
    const r: Record<string, number> = {};
    for (const t of STORE_TABLES) r[t] = Number((await store.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t}`)).getRowObjects()[0].n);
    return r;
  } finally {
    store.close();
  }
}

/** Columns that name the run that wrote a row, not what was extracted: left out of fingerprints. */
const RUN_COLUMNS = new Set(['run_id']);

/**
 * An md5 of every row of every table (all columns but the run's id), independent of row order: two run
 * folders with equal fingerprints hold the same rows.
 */
export async function rowFingerprints(out: string): Promise<Record<string, string>> {
  const store = await openStore(join(out, DB_FILE), { readOnly: true });
  try {
    const r: Record<string, string> = {};
    for (const t of STORE_TABLES) {
      const cols = ((await store.connection.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`)).getRowsJS() as [string][])
        .map((c) => String(c[0])).filter((c) => !RUN_COLUMNS.has(c)).map((c) => `"${c}"`);
      const sql = `SELECT count(*)::INTEGER || ':' || coalesce(md5(string_agg(row_text, chr(10) ORDER BY row_text)), '') AS f FROM (SELECT CAST(ROW(${cols.join(', ')}) AS VARCHAR) AS row_text FROM ${t})`;
      r[t] = String((await store.connection.runAndReadAll(sql)).getRowsJS()[0][0]);
    }
    return r;
  } finally {
    store.close();
  }
}
