import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from '../../helpers/docs.js';
import { CLI, cppcc } from '../../helpers/cli.js';

/** A file-size limit small enough that the database cannot be written: what a full disk does to a run. */
const FILE_LIMIT_KB = 1200;

describe('store: faults', () => {
  it('faults: a write that fails (disk full, here a file-size limit) gives E023; the database opens afterwards and a rerun completes', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cppcc-full-')), 'out');
    // SIGXFSZ ignored, so a write past the limit fails with EFBIG as a full disk fails with ENOSPC.
    const full = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f ${FILE_LIMIT_KB}; exec "$0" "$@"`, process.execPath, CLI, 'run', SEEDS, '--out', out, '--quiet'], { encoding: 'utf8' });
    expect(full.status).toBe(2);
    expect(full.stderr).toMatch(/^\[E023\] Cannot write .*cppcc\.duckdb: .*File too large.*run the same command again/m);
    expect(full.stderr).not.toMatch(/at .*\.js:\d+/);
    const q = cppcc(['sql', 'select count(*) as n from documents', '--out', out, '--format', 'jsonl']);
    expect(q.status).toBe(0);
    expect(cppcc(['run', SEEDS, '--out', out, '--quiet']).status).toBe(0);
    expect(JSON.parse(cppcc(['sql', 'select count(*)::INTEGER as n from documents', '--out', out, '--format', 'jsonl']).stdout).n).toBe(5);
  });

  it('faults: an output folder that cannot be created gives E023 naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-ro-'));
    writeFileSync(join(dir, 'file'), 'not a folder');
    const r = cppcc(['run', SEEDS, '--out', join(dir, 'file', 'out'), '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^\[E023\] Cannot write .*file\/out: .*ENOTDIR/m);
  });

  it('faults: a database another process holds is reported as in use, with that process', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cppcc-lock-'));
    const db = join(out, 'cppcc.duckdb');
    const holder = spawn(process.execPath, ['--input-type=module', '-e',
      `import { DuckDBInstance } from '@duckdb/node-api'; const i = await DuckDBInstance.create(${JSON.stringify(db)}); await i.connect(); console.log('ready'); setInterval(() => {}, 1000);`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => holder.stdout.on('data', (b: Buffer) => { if (b.toString().includes('ready')) resolve(); }));
      const r = cppcc(['run', SEEDS, '--out', out, '--quiet']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^\\[E024\\] The database .*cppcc\\.duckdb is in use by another process \\(process ${holder.pid} holds its lock\\)`, 'm'));
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
