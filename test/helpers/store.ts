import { join } from 'node:path';
import { DB_FILE } from '../../src/pipeline/runCorpus.js';
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
