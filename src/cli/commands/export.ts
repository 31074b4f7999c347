import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, openStore } from '../../store/duckdb.js';
import { FORMULA_START, PLAIN_NUMBER } from '../../output/format.js';
import { choice, DEFAULT_OUT, guard, log, runDatabase } from '../common.js';

const FORMATS = ['parquet', 'csv'] as const;
/** Tables exported one file each; the large ones (a row per token or mention) partitioned by document year. */
export const EXPORT_TABLES = ['documents', 'flags', 'orgs', 'mechanisms', 'mechanism_components', 'mechanism_mentions', 'metrics', 'people', 'org_systems', 'org_units', 'runs', 'tokens'];
const PARTITIONED = new Set(['documents', 'tokens', 'mechanism_mentions', 'metrics']);

/**
 * A table's columns for a CSV export, text columns with would-be formulas neutralised as the workbench's
 * CSV download does (a leading '); Parquet keeps every value as stored.
 */
async function csvColumns(connection: DuckDBConnection, table: string): Promise<string> {
  const cols = (await connection.runAndReadAll("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position", [table])).getRowObjects();
  return cols.map(({ column_name: name, data_type: type }) => {
    const c = `t.${ident(String(name))}`;
    return type === 'VARCHAR'
      ? `CASE WHEN regexp_matches(${c}, '${FORMULA_START}') AND NOT regexp_matches(${c}, '${PLAIN_NUMBER}') THEN '''' || ${c} ELSE ${c} END AS ${ident(String(name))}`
      : c;
  }).join(', ');
}

export function exportCommand(): Command {
  return new Command('export')
    .description("copy every table out with DuckDB's COPY (one file per table; large tables partitioned by year)")
    .requiredOption('--to <dir>', 'folder to write into')
    .option('--format <format>', `file format: ${FORMATS.join(', ')}`, choice('--format', FORMATS), 'parquet')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .addHelpText('after', '\nExample:\n  cppcc export --format parquet --to exports/\n')
    .action((opts: { to: string; format: (typeof FORMATS)[number]; out: string }) => guard(async () => {
      const to = resolve(opts.to);
      mkdirSync(to, { recursive: true });
      const store = await openStore(runDatabase(opts.out), { readOnly: true });
      try {
        const csv = opts.format === 'csv';
        const fmt = csv ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
        for (const t of EXPORT_TABLES) {
          const target = join(to, PARTITIONED.has(t) ? t : `${t}.${opts.format}`).replace(/'/g, "''");
          const cols = csv ? await csvColumns(store.connection, t) : 't.*';
          const rows = t === 'documents' ? `SELECT ${cols} FROM documents t` : `SELECT ${cols}${PARTITIONED.has(t) ? ', d.year' : ''} FROM ${t} t${PARTITIONED.has(t) ? ' JOIN documents d USING (doc_id)' : ''}`;
          const sql = PARTITIONED.has(t)
            ? `COPY (${rows}) TO '${target}' (${fmt}, PARTITION_BY (year), OVERWRITE_OR_IGNORE true)`
            : `COPY (${rows}) TO '${target}' (${fmt})`;
          await store.connection.run(sql);
          log(`exported ${t} → ${target}`);
        }
      } finally {
        store.close();
      }
    }));
}
