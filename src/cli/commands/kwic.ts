import { Command } from 'commander';
import { CppccError } from '../../model/errors.js';
import { simplify } from '../../normalize/script.js';
import { englishNamesFromStore, namesFor } from '../../search/query.js';
import { openStore } from '../../store/duckdb.js';
import { type RowFormat, formatRows, padStartWidth } from '../../output/format.js';
import { choice, DEFAULT_OUT, guard, positiveInt, runDatabase } from '../common.js';

const FORMATS = ['table', 'csv', 'json'] as const;

export function kwicCommand(): Command {
  return new Command('kwic')
    .description('keyword in context: every occurrence of a term in the corpus, left and right context aligned, with document and offset')
    .argument('<term>', 'a word or name in Simplified, Traditional, English or pinyin')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--width <n>', 'characters of context on each side', positiveInt('--width'), 20)
    .option('--limit <n>', 'most occurrences to print', positiveInt('--limit'), 1000)
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, choice('--format', FORMATS), 'table')
    .addHelpText('after', '\nExamples:\n  cppcc kwic 两个全覆盖\n  cppcc kwic "four ones" --width 30 --format csv\n')
    .action((raw: string, opts: { out: string; width: number; limit: number; format: RowFormat }) => guard(async () => {
      const store = await openStore(runDatabase(opts.out), { readOnly: true });
      try {
        const c = store.connection;
        const simplified = simplify(raw.trim());
        const terms = /\p{Script=Han}/u.test(simplified) ? [simplified] : namesFor(simplified, await englishNamesFromStore(store));
        if (!terms.length) throw new CppccError('E015', { key: 'term', cause: `"${raw}" names no mechanism and holds no Chinese`, allowed: 'a Chinese word, or the English or pinyin name of a mechanism' });
        const rows: Record<string, unknown>[] = [];
        for (const term of terms) {
          const docs = (await c.runAndReadAll('SELECT doc_id, file, CAST(date AS VARCHAR) AS date, text FROM documents WHERE contains(text, $1) ORDER BY date NULLS LAST, file', [term])).getRowObjectsJson() as Record<string, string>[];
          for (const d of docs) {
            for (let i = d.text.indexOf(term); i >= 0 && rows.length < opts.limit; i = d.text.indexOf(term, i + term.length)) {
              const left = d.text.slice(Math.max(0, i - opts.width), i).replace(/\n/gu, ' ');
              const right = d.text.slice(i + term.length, i + term.length + opts.width).replace(/\n/gu, ' ');
              rows.push({ file: d.file, date: d.date, offset: i, left: opts.format === 'table' ? padStartWidth(left, opts.width * 2) : left, term, right });
            }
          }
        }
        process.stdout.write(formatRows(rows, opts.format, ['file', 'date', 'offset', 'left', 'term', 'right']) + '\n');
      } finally {
        store.close();
      }
    }));
}
