import { Command } from 'commander';
import { extractDocuments } from '../../run/extract.js';
import { loadPipeline } from '../../pipeline/run.js';
import { toPrediction } from '../../output/prediction.js';
import type { FieldMap } from '../../ingest/containers/fields.js';
import { choice, EXIT, FIELD_HELP, fieldOption, guard, log } from '../common.js';

const FORMATS = ['jsonl', 'json'] as const;

export function extractCommand(): Command {
  return new Command('extract')
    .description('extract metadata, quality, mechanisms, metrics, people and org structures; print them (no database)')
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, choice('--format', FORMATS), 'jsonl')
    .option('--pipeline <file>', 'pipeline file (default pipelines/default.json)')
    .option('--field <role=name>', FIELD_HELP, fieldOption)
    .addHelpText('after', '\nExamples:\n  cppcc extract corpus/seeds --format jsonl > predictions.jsonl\n  cppcc extract export.jsonl --field body=article_html --field date=发稿时间\n')
    .action((paths: string[], opts: { format: (typeof FORMATS)[number]; pipeline?: string; field?: FieldMap }) => guard(async () => {
      const pipeline = loadPipeline(opts.pipeline, { fields: opts.field });
      const all: unknown[] = [];
      const r = await extractDocuments(paths, pipeline, {
        onDocument: (doc) => {
          if (doc.failed) log(`${doc.source.file}: ${doc.failed}`);
          const p = toPrediction(doc);
          if (opts.format === 'jsonl') process.stdout.write(JSON.stringify(p) + '\n');
          else all.push(p);
        },
      });
      if (opts.format === 'json') process.stdout.write(JSON.stringify(all, null, 2) + '\n');
      for (const m of r.missing) log(`warning: [E001] ${m} does not exist: nothing was read from it`);
      for (const k of r.skipped) log(`warning: skipped ${k.path}: ${k.reason}`);
      return r.missing.length || r.skipped.length ? EXIT.failed : EXIT.ok;
    }));
}
