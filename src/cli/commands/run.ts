import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { runCorpus } from '../../pipeline/runCorpus.js';
import { DEFAULT_OUT, EXIT, guard, log, positiveInt } from '../common.js';

export function runCommand(): Command {
  return new Command('run')
    .description('run the pipeline on files and folders into <out>/cppcc.duckdb, the search index and run.json')
    .argument('[paths...]', 'files or folders (walked recursively): .txt .html .htm .xml .json .jsonl', ['corpus'])
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--pipeline <file>', 'pipeline file (default pipelines/default.json)')
    .option('--strict', 'exit 1 when any document failed')
    .option('--force', 'process every document again, even those stored unchanged by the same pipeline')
    .option('--workers <n>', 'worker threads for the CPU stages (default: the number of cores; 1 = no threads)', positiveInt('--workers'))
    .option('--quiet', 'no progress bar or summary')
    .addHelpText('after', '\nExample:\n  cppcc run corpus --out output\n')
    .action((paths: string[], opts: { out: string; pipeline?: string; strict?: boolean; quiet?: boolean; force?: boolean; workers?: number }) => guard(async () => {
      // Ctrl-C: finish and commit the batch in hand, then stop; the next run resumes (stored documents are skipped).
      const abort = new AbortController();
      const onSigint = () => { log('interrupt: stopping after the current batch…'); abort.abort(); };
      process.once('SIGINT', onSigint);
      const bar = !opts.quiet && process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'files {bar} {value}/{total} | {docs} documents, {rate} docs/s | ETA {eta_formatted}' }, cliProgress.Presets.shades_classic) : null;
      let started = false;
      const t0 = Date.now();
      const s = await runCorpus({
        inputs: paths, out: opts.out, pipelineFile: opts.pipeline, force: opts.force, signal: abort.signal, workers: opts.workers,
        // Without a terminal (logs, batch jobs) each committed batch is a line instead of a bar.
        onBatch: (n) => { if (!opts.quiet && !bar) log(`stored ${n} documents`); },
        onProgress: (done, total, docs) => {
          if (!bar) return;
          if (!started) { bar.start(total, 0, { docs: 0, rate: 0 }); started = true; }
          bar.update(done, { docs, rate: Math.round(docs / Math.max(0.001, (Date.now() - t0) / 1000)) });
        },
        onDocumentError: (doc) => { if (!opts.quiet) log(`skipped ${doc.source.file}: ${doc.failed}`); },
      });
      bar?.stop();
      process.off('SIGINT', onSigint);
      if (s.interrupted) log(`interrupted: ${s.documents} documents stored. Run the same command again to resume; stored documents are skipped.`);
      if (!opts.quiet) {
        log(`run ${s.run_id}: ${s.documents} documents processed (${s.unchanged} unchanged, skipped) from ${s.files} files, ${s.failed} failed, ${s.flagged} flagged`);
        log(`rows: ${Object.entries(s.rows).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        log(`index: ${s.index.documents} documents, ${(s.index.bytes / 1024).toFixed(0)} KiB; database and run.json in ${opts.out}/`);
        const rep = s.report;
        if (rep?.failed_by_reason.length) {
          log('failed, by reason (each document is stored with its reason):');
          for (const g of rep.failed_by_reason) log(`  ${g.code} ×${g.documents}: ${g.reason.slice(0, 100)}${g.documents > g.examples.length ? ` (e.g. ${g.examples.join(', ')})` : ` (${g.examples.join(', ')})`}`);
        }
        if (rep?.flagged_by_rule.length) log(`flagged, by rule: ${rep.flagged_by_rule.map((f) => `${f.rule} ×${f.documents}`).join(', ')}`);
        if (s.failed || s.flagged) log(`where to look: ${rep?.where_to_look.map((w) => w.startsWith('cppcc') ? `${w} --out ${opts.out}` : w).join(' · ')}`);
      }
      return opts.strict && s.failed ? EXIT.failed : EXIT.ok;
    }));
}
