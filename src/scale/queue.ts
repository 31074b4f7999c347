/**
 * Job-queue mode on BullMQ (Redis): `cppcc run --queue URL --parts DIR` enqueues the input files in jobs;
 * `cppcc worker --queue URL` on any number of machines (sharing the input and parts folders) processes
 * them into Parquet parts; `cppcc status --queue URL` reports progress and the dead-letter list;
 * `cppcc merge DIR` builds the database. A worker that dies loses nothing: its job's lock runs out, the job
 * goes back to the queue, and its parts are rewritten under the same names.
 */
import { resolve } from 'node:path';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { listInputFiles } from '../ingest/read.js';
import { CppccError, errorMessage } from '../model/errors.js';
import { streamBatches } from '../run/batches.js';
import { defaultWorkers, workerPool, type Processor } from '../run/processor.js';
import { budgetOf, loadPipeline, type Pipeline } from '../pipeline/run.js';
import { newRunId, pipelineHash } from '../run/runCorpus.js';
import { loadJson } from '../util/data.js';
import { sha256 } from '../util/hash.js';
import { partName, writePart } from './parts.js';

const ms = z.number().int().positive();
const QueueConfigSchema = z.object({
  queueName: z.string().regex(/^[\w.-]+$/u, 'letters, digits, _ . - only'),
  filesPerJob: z.number().int().positive(),
  attempts: z.number().int().positive(),
  backoffMs: ms,
  lockDurationMs: ms,
  stalledIntervalMs: ms,
  maxStalledCount: z.number().int().nonnegative(),
  pollMs: ms,
});
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

export function queueConfig(overrides: Partial<QueueConfig> = {}): QueueConfig {
  const merged = { ...(loadJson('queue.json') as object), ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const r = QueueConfigSchema.safeParse(merged);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new CppccError('E015', { key: `queue.${issue.path.join('.')}`, cause: issue.message, allowed: 'see pipelines/queue.json' });
  }
  return r.data;
}

export interface JobData {
  files: string[];
  parts: string;
  pipelineFile: string;
  pipelineHash: string;
}
export interface JobResult {
  parts: string[];
  documents: number;
  failed: number;
}

/** Redis at the URL answers, or a coded error: BullMQ itself would retry a dead server forever. */
export async function connectQueue(url: string): Promise<{ url: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CppccError('E027', { input: url, cause: 'not a URL' });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new CppccError('E027', { input: url, cause: `the scheme is ${parsed.protocol} (redis: or rediss: expected)` });
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new CppccError('E027', { input: url, cause: errorMessage(e) || 'no answer' });
  } finally {
    probe.disconnect();
  }
  return { url };
}

export interface EnqueueOptions {
  inputs: string[];
  queue: string;
  parts: string;
  pipelineFile?: string;
  config?: Partial<QueueConfig>;
}

/**
 * One job per `filesPerJob` input files. A job's id is a hash of its files and the pipeline, so enqueueing
 * the same corpus again adds nothing that is already queued or done.
 */
export async function enqueue(opts: EnqueueOptions): Promise<{ files: number; jobs: number; queue: string }> {
  const cfg = queueConfig(opts.config);
  const connection = await connectQueue(opts.queue);
  const { files, missing } = listInputFiles(opts.inputs);
  if (!files.length) throw new CppccError('E001', { input: opts.inputs.join(', '), cause: missing.length ? 'no such file or folder' : 'no input files' });
  const pipeline = loadPipeline(opts.pipelineFile);
  const hash = pipelineHash(pipeline.file);
  const parts = resolve(opts.parts);
  const jobs = [];
  for (let i = 0; i < files.length; i += cfg.filesPerJob) {
    const chunk = files.slice(i, i + cfg.filesPerJob).map((f) => resolve(f));
    const data: JobData = { files: chunk, parts, pipelineFile: pipeline.file, pipelineHash: hash };
    jobs.push({
      name: 'files',
      data,
      opts: { jobId: `j${sha256([hash, parts, ...chunk].join('\n')).slice(0, 20)}`, attempts: cfg.attempts, backoff: { type: 'exponential', delay: cfg.backoffMs }, removeOnComplete: false, removeOnFail: false },
    });
  }
  const queue = new Queue<JobData, JobResult>(cfg.queueName, { connection });
  try {
    await queue.addBulk(jobs);
  } finally {
    await queue.close();
  }
  return { files: files.length, jobs: jobs.length, queue: cfg.queueName };
}

export interface WorkerOptions {
  queue: string;
  /** Processing threads of this worker (default: the number of cores). */
  workers?: number;
  /** Stop once no job is waiting, delayed or active anywhere (batch use, tests); otherwise wait for more. */
  exitWhenEmpty?: boolean;
  config?: Partial<QueueConfig>;
  signal?: AbortSignal;
  onJob?(job: string, result: JobResult): void;
  onJobFailed?(job: string, reason: string): void;
}

/** Runs a worker until the queue is empty (with exitWhenEmpty) or the signal aborts; returns jobs it completed. */
export async function runWorker(opts: WorkerOptions): Promise<{ jobs: number; documents: number }> {
  const cfg = queueConfig(opts.config);
  const connection = await connectQueue(opts.queue);
  const threads = opts.workers ?? defaultWorkers();
  // Loaded on the first job (its pipeline file); the processing runs on pool threads even with one thread,
  // so this thread stays free to renew the job's lock while documents are processed.
  let loaded: { pipeline: Pipeline; hash: string; processor: Processor } | null = null;
  const runId = newRunId(new Date());
  let jobsDone = 0;
  let documents = 0;

  const handle = async (job: Job<JobData, JobResult>): Promise<JobResult> => {
    const d = job.data;
    if (!loaded || loaded.pipeline.file !== d.pipelineFile) {
      await loaded?.processor.close();
      const pipeline = loadPipeline(d.pipelineFile);
      loaded = { pipeline, hash: pipelineHash(pipeline.file), processor: workerPool(pipeline.file, threads, budgetOf(pipeline)) };
    }
    if (loaded.hash !== d.pipelineHash) {
      throw new UnrecoverableError(`this worker's pipeline (${loaded.hash}) differs from the one the job was queued with (${d.pipelineHash}): install the same version and pipelines/ on every worker`);
    }
    const parts: string[] = [];
    const r = await streamBatches({
      inputs: d.files, pipeline: loaded.pipeline, workers: threads, processor: loaded.processor,
      write: async (docs, batch) => {
        const part = partName(`job-${job.id}-${batch}`);
        await writePart(d.parts, part, docs, runId, d.pipelineHash);
        parts.push(part);
      },
    });
    return { parts, documents: r.tally.documents, failed: r.tally.failed };
  };

  const worker = new Worker<JobData, JobResult>(cfg.queueName, handle, {
    connection, concurrency: 1, lockDuration: cfg.lockDurationMs, stalledInterval: cfg.stalledIntervalMs, maxStalledCount: cfg.maxStalledCount,
  });
  worker.on('completed', (job, result) => {
    jobsDone++;
    documents += result.documents;
    opts.onJob?.(String(job.id), result);
  });
  worker.on('failed', (job, err) => opts.onJobFailed?.(String(job?.id ?? '?'), err.message));
  worker.on('error', () => undefined);

  const queue = new Queue(cfg.queueName, { connection });
  try {
    await new Promise<void>((resolveDone) => {
      const stop = () => resolveDone();
      opts.signal?.addEventListener('abort', stop, { once: true });
      if (!opts.exitWhenEmpty) return;
      const poll = setInterval(() => {
        queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized').then((c) => {
          if (Object.values(c).every((n) => n === 0)) {
            clearInterval(poll);
            stop();
          }
        }, () => undefined);
      }, cfg.pollMs);
    });
  } finally {
    // close() lets the job in hand finish, so an interrupted worker leaves no half-done job behind.
    await worker.close();
    await queue.close();
    await (loaded as { processor: Processor } | null)?.processor.close();
  }
  return { jobs: jobsDone, documents };
}

export interface QueueStatus {
  queue: string;
  counts: Record<string, number>;
  documents: number;
  dead_letters: { job: string; files: string[]; attempts: number; reason: string }[];
}

/** Counts by state, documents done, and the jobs that used up their attempts (the dead-letter list). */
export async function queueStatus(url: string, config: Partial<QueueConfig> = {}): Promise<QueueStatus> {
  const cfg = queueConfig(config);
  const connection = await connectQueue(url);
  const queue = new Queue<JobData, JobResult>(cfg.queueName, { connection });
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    let docs = 0;
    // Pages of completed jobs: their return values hold the document counts.
    const PAGE = 500;
    for (let start = 0; start < (counts.completed ?? 0); start += PAGE) {
      for (const j of await queue.getCompleted(start, start + PAGE - 1)) docs += j.returnvalue?.documents ?? 0;
    }
    const failed = await queue.getFailed(0, -1);
    return {
      queue: cfg.queueName,
      counts,
      documents: docs,
      dead_letters: failed.map((j) => ({ job: String(j.id), files: j.data.files, attempts: j.attemptsMade, reason: j.failedReason })),
    };
  } finally {
    await queue.close();
  }
}
