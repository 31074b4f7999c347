import { Command } from 'commander';
import { CppccError } from '../../model/errors.js';
import { openStore } from '../../store/duckdb.js';
import { formatRows } from '../../output/format.js';
import { DEFAULT_OUT, guard, runDatabase } from '../common.js';

/** Brackets per kind of span, so a reader sees what was extracted where. */
const MARKS: Record<string, [string, string]> = { mechanism: ['【', '】'], metric: ['〔', '〕'], person: ['〈', '〉'], org: ['｛', '｝'] };

interface Mark { kind: string; start: number; end: number; label: string }

/** Insert marks into `text` (spans sorted; an overlapping later span is listed but not bracketed). */
export function markText(text: string, spans: Mark[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos || s.end > text.length) continue;
    const [open, close] = MARKS[s.kind];
    out += text.slice(pos, s.start) + open + text.slice(s.start, s.end) + close;
    pos = s.end;
  }
  return out + text.slice(pos);
}

export function showCommand(): Command {
  return new Command('show')
    .description('print a stored document with its extracted spans marked: 【mechanism】 〔metric〕 〈person〉 ｛org｝')
    .argument('<doc>', 'doc_id (or its first characters) or file name')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--original', 'show the text as published (original script), spans mapped through the offset map')
    .option('--spans', 'also list every span with its offsets')
    .addHelpText('after', '\nExamples:\n  cppcc show 001_afa596b124acd061.txt --original\n  cppcc show 3f2a --spans\n')
    .action((ref: string, opts: { out: string; original?: boolean; spans?: boolean }) => guard(async () => {
      const store = await openStore(runDatabase(opts.out), { readOnly: true });
      try {
        const c = store.connection;
        const docs = (await c.runAndReadAll('SELECT doc_id, file, title, CAST(date AS VARCHAR) AS date, source, doc_type, script, original, text, failed FROM documents WHERE file = $1 OR starts_with(doc_id, $1) ORDER BY file LIMIT 2', [ref])).getRowObjectsJson() as Record<string, string>[];
        if (!docs.length) throw new CppccError('E018', { input: ref });
        const d = docs[0];
        const s = opts.original ? ['orig_start', 'orig_end'] : ['start', '"end"'];
        const spans = (await c.runAndReadAll(`
          SELECT 'mechanism' AS kind, ${s[0]} AS start, ${s[1]} AS "end", name AS label FROM mechanism_mentions WHERE doc_id = $1
          UNION ALL SELECT 'metric', ${s[0]}, ${s[1]}, CAST(value AS VARCHAR) || unit FROM metrics WHERE doc_id = $1
          UNION ALL SELECT 'person', ${s[0]}, ${s[1]}, name FROM people WHERE doc_id = $1 AND "end" > start
          UNION ALL SELECT 'org', ${s[0]}, ${s[1]}, name FROM orgs WHERE doc_id = $1`, [d.doc_id])).getRowObjectsJson() as unknown as Mark[];
        const flags = (await c.runAndReadAll('SELECT rule_id, severity, reason FROM flags WHERE doc_id = $1', [d.doc_id])).getRowObjectsJson() as Record<string, string>[];
        const head = [`${d.file}  (${d.doc_id})`, `title: ${d.title ?? ''}  date: ${d.date ?? ''}  source: ${d.source ?? ''}  type: ${d.doc_type}  script: ${d.script}`];
        if (d.failed) head.push(`failed: ${d.failed}`);
        for (const f of flags) head.push(`flag ${f.severity} ${f.rule_id}: ${f.reason}`);
        const text = opts.original ? d.original : d.text;
        process.stdout.write(`${head.join('\n')}\n\n${markText(text ?? '', spans.map((x) => ({ ...x, start: Number(x.start), end: Number(x.end) })))}\n`);
        if (opts.spans) process.stdout.write('\n' + formatRows(spans.sort((a, b) => Number(a.start) - Number(b.start)) as unknown as Record<string, unknown>[], 'table') + '\n');
      } finally {
        store.close();
      }
    }));
}
