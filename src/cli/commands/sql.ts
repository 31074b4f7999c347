import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { CppccError } from '../../model/errors.js';
import { openStore, sqlError } from '../../store/duckdb.js';
import { type RowFormat, formatRows } from '../../output/format.js';
import { choice, DEFAULT_OUT, guard, runDatabase } from '../common.js';

const FORMATS = ['table', 'csv', 'json', 'jsonl'] as const;

export function sqlCommand(): Command {
  return new Command('sql')
    .description('run a SQL query on a run database (read-only) and print the rows')
    .argument('[query]', 'SQL text')
    .option('--file <file>', 'read the query from a file')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, choice('--format', FORMATS), 'table')
    .addHelpText('after', '\nExample:\n  cppcc sql "select name, count(*) n from mechanisms group by name order by n desc"\n')
    .action((query: string | undefined, opts: { file?: string; out: string; format: RowFormat }) => guard(async () => {
      const text = opts.file ? readFileSync(opts.file, 'utf8') : query;
      if (!text?.trim()) throw new CppccError('E015', { key: 'query', cause: 'no SQL given', allowed: 'a query argument or --file FILE' });
      const store = await openStore(runDatabase(opts.out), { readOnly: true });
      try {
        let rows: Record<string, unknown>[];
        try {
          rows = (await store.connection.runAndReadAll(text)).getRowObjectsJson() as Record<string, unknown>[];
        } catch (e) {
          throw sqlError(e);
        }
        process.stdout.write(formatRows(rows, opts.format) + '\n');
      } finally {
        store.close();
      }
    }));
}
