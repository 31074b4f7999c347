import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBenchCorpus } from '../../../src/bench/corpus.js';
import { SEEDS } from '../../helpers/docs.js';
import { rowFingerprints } from '../../helpers/store.js';
import { CLI, cppcc } from '../../helpers/cli.js';

describe('scale: shards', () => {
  it('shard: --shard 1/3, 2/3, 3/3 merged hold exactly the rows of one run over the same files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-shard-'));
    const corpus = join(dir, 'corpus');
    buildBenchCorpus(SEEDS, corpus, 90);
    const single = join(dir, 'single');
    expect(cppcc(['run', corpus, '--out', single, '--workers', '1', '--quiet']).status).toBe(0);
    const parts = join(dir, 'parts');
    const counts: number[] = [];
    for (const k of [1, 2, 3]) {
      const r = cppcc(['run', corpus, '--shard', `${k}/3`, '--parts', parts, '--workers', '1', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      counts.push(JSON.parse(r.stdout).documents);
    }
    // Every shard got some documents, and together all of them.
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(90);
    // A shard run again replaces its parts instead of adding to them.
    const before = readdirSync(parts).length;
    expect(cppcc(['run', corpus, '--shard', '2/3', '--parts', parts, '--workers', '1', '--quiet']).status).toBe(0);
    expect(readdirSync(parts).length).toBe(before);
    const merged = join(dir, 'merged');
    const m = cppcc(['merge', parts, '--out', merged]);
    expect(m.status, m.stderr).toBe(0);
    expect(existsSync(join(merged, 'index.json'))).toBe(true);
    const a = await rowFingerprints(single);
    expect(a.documents.startsWith('90:')).toBe(true);
    expect(await rowFingerprints(merged)).toEqual(a);
  }, 240_000);

  it('shard: a bad --shard, --shard without --parts, and merge of an empty folder are clear errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-shard-bad-'));
    const bad = cppcc(['run', SEEDS, '--shard', '4/3', '--parts', join(dir, 'p')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\[E028\].*4\/3/u);
    const noParts = cppcc(['run', SEEDS, '--shard', '1/3']);
    expect(noParts.status).toBe(2);
    expect(noParts.stderr).toMatch(/--parts/u);
    const empty = cppcc(['merge', dir, '--out', join(dir, 'out')]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/\[E025\]/u);
  });
});
