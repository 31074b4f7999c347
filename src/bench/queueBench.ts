/**
 * `npm run bench -- --queue [--quick]`: the job-queue mode on one machine. A private redis-server, the
 * bench corpus enqueued, then one and then two `cppcc worker` processes (one processing thread each) until
 * the queue is empty, and `cppcc merge` of the parts. Prints docs/s and chars/s for each and writes
 * output/bench/queue.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRedis } from '../scale/localRedis.js';

const log = (s: string) => process.stderr.write(s + '\n');

function cli(root: string, args: string[]): string {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`cppcc ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

async function workers(root: string, n: number, args: string[]): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), 'worker', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cppcc worker exited with ${code}`))));
  })));
}

export async function queueBench(root: string, out: string, corpusDir: string, documents: number, chars: number): Promise<void> {
  const redis = await startRedis();
  try {
    const rows: Record<string, { processes: number; seconds: number; docs_per_s: number; chars_per_s: number; merge_s: number }> = {};
    for (const n of [1, 2]) {
      const parts = join(out, `queue-parts-${n}`);
      rmSync(parts, { recursive: true, force: true });
      const q = ['--queue', redis.url, '--queue-name', `bench${n}`];
      cli(root, ['run', corpusDir, ...q, '--parts', parts, '--quiet']);
      log(`queue: ${n} worker process(es)…`);
      const t0 = performance.now();
      await workers(root, n, [...q, '--workers', '1', '--exit-when-empty', '--quiet']);
      const seconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      cli(root, ['merge', parts, '--out', join(out, `queue-merged-${n}`), '--quiet']);
      const merge = (performance.now() - t1) / 1000;
      rows[`workers_${n}`] = { processes: n, seconds: Math.round(seconds * 100) / 100, docs_per_s: Math.round(documents / seconds), chars_per_s: Math.round(chars / seconds), merge_s: Math.round(merge * 100) / 100 };
    }
    const speedup = Math.round((rows.workers_1.seconds / rows.workers_2.seconds) * 100) / 100;
    writeFileSync(join(out, 'queue.json'), JSON.stringify({ documents, chars, ...rows, speedup }, null, 2) + '\n');
    const line = (k: string, v: unknown) => `${k.padEnd(34)} ${String(v)}`;
    process.stdout.write([
      `queue mode (BullMQ, local redis-server), ${documents} documents / ${chars} chars:`,
      ...[1, 2].map((n) => { const r = rows[`workers_${n}`]; return line(`  ${n} worker process(es) s, docs/s`, `${r.seconds}, ${r.docs_per_s} (${r.chars_per_s} chars/s); merge ${r.merge_s} s`); }),
      line('  speedup 2 / 1', speedup),
    ].join('\n') + '\n');
  } finally {
    redis.stop();
  }
}
