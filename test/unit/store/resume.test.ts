import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBenchCorpus } from '../../../src/bench/corpus.js';
import { SEEDS } from '../../helpers/docs.js';
import { rowCounts } from '../../helpers/store.js';
import { CLI } from '../../helpers/cli.js';

/** Start a run and send `signal` once the first batch is committed; resolves with the exit code and stderr. */
function interruptedRun(corpus: string, out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', corpus, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (/stored \d+ documents/u.test(stderr) && !child.killed) child.kill(signal);
    });
    child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr }));
  });
}

describe('store: crash safety and resumption', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-resume-'));
  const corpus = join(dir, 'corpus');
  let reference: Record<string, number>;

  beforeAll(async () => {
    buildBenchCorpus(SEEDS, corpus, 160);
    const r = spawnSync(process.execPath, [CLI, 'run', corpus, '--out', join(dir, 'reference'), '--quiet']);
    expect(r.status).toBe(0);
    reference = await rowCounts(join(dir, 'reference'));
    expect(reference.documents).toBe(160);
  }, 300_000);

  it('store: a run killed with SIGKILL after its first batch leaves a database that opens; the next run completes it exactly', async () => {
    const out = join(dir, 'killed');
    const killed = await interruptedRun(corpus, out, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const partial = await rowCounts(out);
    expect(partial.documents).toBeGreaterThan(0);
    expect(partial.documents).toBeLessThan(160);
    const again = spawnSync(process.execPath, [CLI, 'run', corpus, '--out', out], { encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/unchanged, skipped/u);
    expect(await rowCounts(out)).toEqual(reference);
  }, 300_000);

  it('store: SIGINT stops after the batch in hand, says how to resume, and the next run completes it exactly', async () => {
    const out = join(dir, 'interrupted');
    const stopped = await interruptedRun(corpus, out, 'SIGINT');
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/Run the same command again to resume/u);
    const again = spawnSync(process.execPath, [CLI, 'run', corpus, '--out', out, '--quiet']);
    expect(again.status).toBe(0);
    expect(await rowCounts(out)).toEqual(reference);
  }, 300_000);

  it('store: --force processes everything again and still leaves the same rows', async () => {
    const out = join(dir, 'reference');
    const r = spawnSync(process.execPath, [CLI, 'run', corpus, '--out', out, '--force', '--quiet']);
    expect(r.status).toBe(0);
    expect(await rowCounts(out)).toEqual(reference);
  }, 300_000);
});
