import { Command } from 'commander';
import { mergeParts } from '../../scale/merge.js';
import { queueStatus, runWorker } from '../../scale/queue.js';
import { choice, DEFAULT_OUT, EXIT, guard, log, positiveInt } from '../common.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description('build a run folder (database, search index, run.json) from the Parquet parts of shards or queue jobs')
    .argument('<parts>', 'the parts folder given to --parts')
    .option('--out <dir>', 'run folder', DEFAULT_OUT)
    .option('--pipeline <file>', 'pipeline file (default pipelines/default.json)')
    .option('--quiet', 'no summary')
    .addHelpText('after', '\nExample:\n  cppcc merge /shared/parts --out output\n')
    .action((parts: string, opts: { out: string; pipeline?: string; quiet?: boolean }) => guard(async () => {
      const s = await mergeParts({ parts, out: opts.out, pipelineFile: opts.pipeline });
      if (!opts.quiet) {
        log(`merge ${s.run_id}: ${s.documents} documents from ${s.files} parts, ${s.failed} failed, ${s.flagged} flagged`);
        log(`rows: ${Object.entries(s.rows).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        log(`index: ${s.index.documents} documents; database and run.json in ${opts.out}/`);
      }
      return EXIT.ok;
    }));
}

export function workerCommand(): Command {
  return new Command('worker')
    .description('process jobs queued by `cppcc run --queue` into their parts folder; run one per machine (or more)')
    .requiredOption('--queue <url>', 'Redis URL: redis://host:port[/db]')
    .option('--queue-name <name>', 'the queue (default from pipelines/queue.json)')
    .option('--workers <n>', 'processing threads (default: the number of cores)', positiveInt('--workers'))
    .option('--exit-when-empty', 'stop when no job is left (waiting, delayed or running anywhere) instead of waiting for more')
    .option('--lock-duration-ms <n>', 'a job whose worker is silent this long goes back to the queue', positiveInt('--lock-duration-ms'))
    .option('--stalled-interval-ms <n>', 'how often to look for such jobs', positiveInt('--stalled-interval-ms'))
    .option('--quiet', 'no line per job')
    .action((opts: { queue: string; queueName?: string; workers?: number; exitWhenEmpty?: boolean; lockDurationMs?: number; stalledIntervalMs?: number; quiet?: boolean }) => guard(async () => {
      const abort = new AbortController();
      const stop = () => { log('stopping after the job in hand…'); abort.abort(); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const r = await runWorker({
        queue: opts.queue, workers: opts.workers, exitWhenEmpty: opts.exitWhenEmpty, signal: abort.signal,
        config: { queueName: opts.queueName, lockDurationMs: opts.lockDurationMs, stalledIntervalMs: opts.stalledIntervalMs },
        onJob: (id, res) => { if (!opts.quiet) log(`job ${id}: ${res.documents} documents (${res.failed} failed) → ${res.parts.length} parts`); },
        onJobFailed: (id, reason) => log(`job ${id} failed: ${reason}`),
      });
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (!opts.quiet) log(`worker done: ${r.jobs} jobs, ${r.documents} documents`);
      return EXIT.ok;
    }));
}

export function statusCommand(): Command {
  return new Command('status')
    .description('progress of a queued run: jobs by state, documents done, and the dead-letter list (jobs that used up their attempts)')
    .requiredOption('--queue <url>', 'Redis URL: redis://host:port[/db]')
    .option('--queue-name <name>', 'the queue (default from pipelines/queue.json)')
    .option('--format <f>', 'text or json', choice('--format', ['text', 'json'] as const), 'text')
    .action((opts: { queue: string; queueName?: string; format: 'text' | 'json' }) => guard(async () => {
      const s = await queueStatus(opts.queue, { queueName: opts.queueName });
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify(s) + '\n');
      } else {
        const c = s.counts;
        process.stdout.write(`queue ${s.queue}: ${c.completed ?? 0} done, ${c.active ?? 0} running, ${(c.waiting ?? 0) + (c.prioritized ?? 0)} waiting, ${c.delayed ?? 0} waiting to retry, ${c.failed ?? 0} dead; ${s.documents} documents processed\n`);
        for (const d of s.dead_letters) process.stdout.write(`dead: ${d.job} after ${d.attempts} attempts: ${d.reason} (${d.files.length} files, first ${d.files[0] ?? '-'})\n`);
      }
      return s.dead_letters.length ? EXIT.failed : EXIT.ok;
    }));
}
