import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { openStore } from '../../store/duckdb.js';
import { choice, DEFAULT_OUT, guard, log, runDatabase } from '../common.js';

const FORMATS = ['parquet', 'csv'] as const;
/** Tables exported one file each; the large ones (a row per token or mention) partitioned by document year. */
export const EXPORT_TABLES = ['documents', 'flags', 'orgs', 'mechanisms', 'mechanism_components', 'mechanism_mentions', 'metrics', 'people', 'org_systems', 'org_units', 'runs', 'tokens'];
const PARTITIONED = new Set(['documents', 'tokens', 'mechanism_mentions', 'metrics']);

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
        const fmt = opts.format === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER true';
        for (const t of EXPORT_TABLES) {
          const target = join(to, PARTITIONED.has(t) ? t : `${t}.${opts.format}`).replace(/'/g, "''");
          const rows = t === 'documents' ? 'SELECT * FROM documents' : `SELECT t.*, d.year FROM ${t} t JOIN documents d USING (doc_id)`;
          const sql = PARTITIONED.has(t)
            ? `COPY (${rows}) TO '${target}' (${fmt}, PARTITION_BY (year), OVERWRITE_OR_IGNORE true)`
            : `COPY ${t} TO '${target}' (${fmt})`;
          await store.connection.run(sql);
          log(`exported ${t} → ${target}`);
        }
      } finally {
        store.close();
      }
    }));
}
