import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { runCorpus } from '../../run/runCorpus.js';
import { enqueue } from '../../scale/queue.js';
import { parseShard, runShard } from '../../scale/shard.js';
import type { FieldMap } from '../../ingest/containers/fields.js';
import { DEFAULT_OUT, EXIT, FIELD_HELP, fieldOption, guard, log, positiveInt } from '../common.js';

const EXIT_INTERRUPTED = 130;

interface RunFlags {
  out: string; pipeline?: string; strict?: boolean; quiet?: boolean; force?: boolean; workers?: number;
  shard?: string; parts?: string; queue?: string; queueName?: string; filesPerJob?: number; field?: FieldMap;
}

/** --shard and --queue write Parquet parts for `cppcc merge` instead of a database. */
async function runScaled(paths: string[], opts: RunFlags): Promise<number> {
  if (opts.field) throw new InvalidArgumentError('--field applies to one machine: for --shard and --queue put the names in the pipeline file\'s "fields" option, so every machine reads the same schema');
  if (!opts.parts) throw new InvalidArgumentError(`${opts.queue ? '--queue' : '--shard'} needs --parts DIR: the folder (shared by all machines) the parts are written to`);
  if (opts.queue) {
    if (opts.shard) throw new InvalidArgumentError('--queue and --shard are two ways to split a run: give one');
    const r = await enqueue({ inputs: paths, queue: opts.queue, parts: opts.parts, pipelineFile: opts.pipeline, config: { queueName: opts.queueName, filesPerJob: opts.filesPerJob } });
    process.stdout.write(JSON.stringify({ queued_files: r.files, jobs: r.jobs, queue: r.queue, parts: opts.parts }) + '\n');
    if (!opts.quiet) log(`queued ${r.files} files in ${r.jobs} jobs on ${r.queue}. Start workers: cppcc worker --queue ${opts.queue}; then cppcc status --queue ${opts.queue} and cppcc merge ${opts.parts} --out DIR`);
    return EXIT.ok;
  }
  const shard = parseShard(opts.shard ?? '1/1');
  const s = await runShard({ inputs: paths, parts: opts.parts, shard, pipelineFile: opts.pipeline, workers: opts.workers,
    onDocumentError: (doc) => { if (!opts.quiet) log(`skipped ${doc.source.file}: ${doc.failed}`); } });
  const { tally, ...summary } = s;
  process.stdout.write(JSON.stringify(summary) + '\n');
  if (!opts.quiet) log(`shard ${s.shard}: ${s.documents} documents (${s.failed} failed) from ${s.files} files in ${s.parts} parts in ${s.parts_dir}; when every shard is done: cppcc merge ${s.parts_dir} --out DIR`);
  return opts.strict && tally.failed ? EXIT.failed : EXIT.ok;
}

export function runCommand(): Command {
  return new Command('run')
    .description('run the pipeline on files and folders into <out>/cppcc.duckdb, the search index and run.json')
    .argument('[paths...]', 'files or folders (walked recursively): pages, feeds, JSON, JSON lines, CSV/TSV, Markdown, text', ['corpus'])
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--pipeline <file>', 'pipeline file (default pipelines/default.json)')
    .option('--field <role=name>', FIELD_HELP, fieldOption)
    .option('--strict', 'exit 1 when any document failed or any input path is missing or unreadable')
    .option('--force', 'process every document again, even those stored unchanged by the same pipeline')
    .option('--workers <n>', 'worker threads for the CPU stages (default: the number of cores; 1 = no threads)', positiveInt('--workers'))
    .option('--quiet', 'no progress bar or summary')
    .option('--shard <k/n>', 'process only shard k of n (by content hash) into --parts, for a batch scheduler (Slurm job array)')
    .option('--parts <dir>', 'with --shard or --queue: the folder for Parquet parts, shared by every machine')
    .option('--queue <url>', 'enqueue the files as jobs on BullMQ at this Redis URL (redis://host:port[/db]) instead of processing them here')
    .option('--queue-name <name>', 'with --queue: the queue (default from pipelines/queue.json)')
    .option('--files-per-job <n>', 'with --queue: input files per job (default from pipelines/queue.json)', positiveInt('--files-per-job'))
    .addHelpText('after', '\nExamples:\n  cppcc run corpus --out output\n  cppcc run corpus --shard 2/8 --parts /shared/parts     # then: cppcc merge /shared/parts --out output\n  cppcc run corpus --queue redis://127.0.0.1:6379 --parts /shared/parts\n')
    .action((paths: string[], opts: RunFlags) => guard(async () => {
      if (opts.shard || opts.queue || opts.parts) return runScaled(paths, opts);
      // Ctrl-C: finish and commit the batch in hand, then stop; the next run resumes (stored documents are skipped).
      const abort = new AbortController();
      const onSigint = () => { log('interrupt: stopping after the current batch…'); abort.abort(); };
      process.once('SIGINT', onSigint);
      const bar = !opts.quiet && process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'files {bar} {value}/{total} | {docs} documents, {rate} docs/s | ETA {eta_formatted}' }, cliProgress.Presets.shades_classic) : null;
      let started = false;
      const t0 = Date.now();
      const s = await runCorpus({
        inputs: paths, out: opts.out, pipelineFile: opts.pipeline, fields: opts.field, force: opts.force, signal: abort.signal, workers: opts.workers,
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
      if (s.interrupted) {
        log(`interrupted: ${s.documents} documents stored. Run the same command again to resume; stored documents are skipped.`);
        // 128 + SIGINT, as shells report a command stopped by Ctrl-C: a script must not take a stopped run for a finished one.
        return EXIT_INTERRUPTED;
      }
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
      // A mistyped path beside a good one must not pass unnoticed: a warning always, a failure with --strict.
      for (const m of s.missing_inputs) log(`warning: [E001] ${m} does not exist: nothing was read from it${opts.strict ? '' : ' (with --strict this fails the run)'}`);
      for (const k of s.skipped_inputs) log(`warning: skipped ${k.path}: ${k.reason}`);
      return opts.strict && (s.failed || s.missing_inputs.length || s.skipped_inputs.length) ? EXIT.failed : EXIT.ok;
    }));
}
