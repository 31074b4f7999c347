import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { CppccError } from '../../model/errors.js';
import { INDEX_FILE } from '../../search/buildIndex.js';
import { loadIndex } from '../../search/query.js';
import { runSearch } from '../../search/runSearch.js';
import { openStore } from '../../store/duckdb.js';
import { formatRows } from '../../output/format.js';
import { DEFAULT_OUT, guard, positiveInt, runDatabase } from '../common.js';

export function searchCommand(): Command {
  return new Command('search')
    .description('search documents by mechanism name or words, in Simplified, Traditional or English')
    .argument('<query...>', 'words, "a phrase", +required, -excluded, year:2019 or year:2015-2020, source:…, org:…, type:news|speech|commentary')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--limit <n>', 'number of results', positiveInt('--limit'), 10)
    .option('--json', 'print a JSON object with a results list')
    // -term excludes a term; only --words are options (an unknown one is still a usage error below).
    .allowUnknownOption()
    .addHelpText('after', '\nExamples:\n  cppcc search "four ones"\n  cppcc search 四個一 --json\n  cppcc search si ge yi\n  cppcc search 联帮网格 year:2019 +政协\n')
    .action((words: string[], opts: { out: string; limit: number; json?: boolean }) => guard(async () => {
      const unknown = words.find((w) => /^--/u.test(w) || /^-[A-Za-z]/u.test(w));
      if (unknown) throw new CppccError('E015', { key: unknown, cause: 'unknown option', allowed: '--out, --limit, --json; exclude a term with -词' });
      const query = words.join(' ');
      const db = runDatabase(opts.out);
      const loaded = loadIndex(join(resolve(opts.out), INDEX_FILE), db);
      const store = await openStore(db, { readOnly: true });
      try {
        const { hits } = await runSearch(store, loaded, query, opts.limit);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ query, results: hits }, null, 2) + '\n');
        } else {
          process.stdout.write(formatRows(hits.map((h) => ({ file: h.file, title: h.title, date: h.date, score: h.score, snippet: h.snippet })), 'table') + '\n');
        }
      } finally {
        store.close();
      }
    }));
}
