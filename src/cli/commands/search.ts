import { join, resolve } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { Command } from 'commander';
import { CppccError } from '../../model/errors.js';
import { INDEX_FILE } from '../../search/buildIndex.js';
import { englishNamesFromStore, finishHits, loadIndex, search } from '../../search/query.js';
import { openStore } from '../../store/duckdb.js';
import { formatRows } from '../format.js';
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
        const found = search(loaded, query, await englishNamesFromStore(store), opts.limit);
        const texts = new Map<string, string>();
        const matches = new Map<string, { start: number; end: number }>();
        if (found.hits.length) {
          const ids = found.hits.map((h) => `'${h.doc_id.replace(/'/g, "''")}'`).join(',');
          for (const r of (await store.connection.runAndReadAll(`SELECT doc_id, text FROM documents WHERE doc_id IN (${ids})`)).getRowObjectsJson() as { doc_id: string; text: string }[]) texts.set(r.doc_id, r.text);
          // The best match of each hit from the aligned tokens: the longest searched term, first occurrence,
          // also inside a longer token (农业 in 中国农业发展银行: the token's start plus the term's place in it).
          if (found.needles.length) {
            const sql = `SELECT doc_id, arg_min(start + instr(lower(token), n) - 1, (-length(n), start)) AS s, arg_min(length(n), (-length(n), start)) AS l
              FROM tokens, unnest($1) AS t(n) WHERE doc_id IN (${ids}) AND contains(lower(token), n) GROUP BY doc_id`;
            for (const [doc, start, len] of (await store.connection.runAndReadAll(sql, [listValue(found.needles)])).getRows() as [string, number, number][]) {
              matches.set(String(doc), { start: Number(start), end: Number(start) + Number(len) });
            }
          }
        }
        const hits = finishHits(found, texts, matches, opts.limit);
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
