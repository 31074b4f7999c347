import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchCorpus } from '../../../src/bench/corpus.js';
import { SEEDS } from '../../helpers/docs.js';
import { startRedis } from '../../../src/scale/localRedis.js';
import { rowFingerprints } from '../../helpers/store.js';
import { CLI, cppcc } from '../../helpers/cli.js';

/** A worker process; resolves with its exit code and stderr. */
function worker(args: string[]) {
  const proc = spawn(process.execPath, [CLI, 'worker', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const listeners: ((s: string) => void)[] = [];
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (s: string) => { stderr += s; listeners.forEach((l) => l(stderr)); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  const logged = (re: RegExp) => new Promise<void>((resolve) => {
    if (re.test(stderr)) return resolve();
    listeners.push((s) => { if (re.test(s)) resolve(); });
  });
  return { proc, done, logged };
}

describe('scale: job queue (BullMQ on a private redis-server)', () => {
  let redis: { url: string; stop(): void };
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(() => redis?.stop());

  it('queue: two workers, one killed mid-way; the merge equals a single run and no document appears twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-queue-'));
    const corpus = join(dir, 'corpus');
    buildBenchCorpus(SEEDS, corpus, 120);
    const single = join(dir, 'single');
    expect(cppcc(['run', corpus, '--out', single, '--workers', '1', '--quiet']).status).toBe(0);

    const parts = join(dir, 'parts');
    const q = ['--queue', redis.url, '--queue-name', 'killtest'];
    const enq = cppcc(['run', corpus, ...q, '--parts', parts, '--files-per-job', '10', '--quiet']);
    expect(enq.status, enq.stderr).toBe(0);
    expect(JSON.parse(enq.stdout).jobs).toBe(12);
    // Enqueueing the same corpus again adds no job (job ids are hashes of their files).
    expect(JSON.parse(cppcc(['run', corpus, ...q, '--parts', parts, '--files-per-job', '10', '--quiet']).stdout).jobs).toBe(12);

    // Short locks so the killed worker's job comes back within seconds, not BullMQ's 30 s.
    const args = [...q, '--workers', '1', '--exit-when-empty', '--lock-duration-ms', '4000', '--stalled-interval-ms', '2000'];
    const a = worker(args);
    const b = worker(args);
    await a.logged(/^job \S+: \d+ documents/mu);
    // A has finished one job and, with jobs waiting, has already taken the next one: kill it in the middle.
    a.proc.kill('SIGKILL');
    const ra = await a.done;
    expect(ra.signal).toBe('SIGKILL');
    const rb = await b.done;
    expect(rb.code, rb.stderr).toBe(0);

    const st = cppcc(['status', ...q, '--format', 'json']);
    expect(st.status, st.stdout + st.stderr).toBe(0);
    const status = JSON.parse(st.stdout);
    expect(status.counts.completed).toBe(12);
    expect(status.counts.failed).toBe(0);
    expect(status.documents).toBe(120);
    expect(status.dead_letters).toEqual([]);

    const merged = join(dir, 'merged');
    const m = cppcc(['merge', parts, '--out', merged, '--quiet']);
    expect(m.status, m.stderr).toBe(0);
    const want = await rowFingerprints(single);
    expect(want.documents.startsWith('120:')).toBe(true);
    expect(await rowFingerprints(merged)).toEqual(want);
  }, 300_000);

  it('queue: a job that keeps failing ends on the dead-letter list that status prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-queue-dead-'));
    const q = ['--queue', redis.url, '--queue-name', 'deadtest'];
    // A parts folder that cannot be created (under a file): every attempt of the job fails on I/O.
    const enq = cppcc(['run', SEEDS, ...q, '--parts', join(CLI, 'parts'), '--files-per-job', '50', '--quiet']);
    expect(enq.status, enq.stderr).toBe(0);
    const w = worker([...q, '--workers', '1', '--exit-when-empty']);
    const r = await w.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/failed: \[E023\]/u);
    const st = cppcc(['status', ...q]);
    expect(st.status).toBe(1);
    expect(st.stdout).toMatch(/1 dead/u);
    expect(st.stdout).toMatch(/dead: \S+ after 3 attempts: \[E023\]/u);
    void dir;
  }, 120_000);

  it('queue: an unreachable Redis is a clear error, not a hang', () => {
    const r = cppcc(['status', '--queue', 'redis://127.0.0.1:1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\[E027\].*redis:\/\/127\.0\.0\.1:1/u);
  });
});
