import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBenchCorpus } from '../../../src/bench/corpus.js';
import { SEEDS } from '../../helpers/docs.js';
import { rowFingerprints } from '../../helpers/store.js';
import { CLI, cppcc } from '../../helpers/cli.js';

describe('store: worker threads', () => {
  it('workers: two worker threads store exactly the rows one thread stores, in every table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-workers-'));
    const corpus = join(dir, 'corpus');
    // 120 documents: three batches, so labels found in one batch must reach documents of the others.
    buildBenchCorpus(SEEDS, corpus, 120);
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    expect(cppcc(['run', corpus, '--out', one, '--workers', '1', '--quiet']).status).toBe(0);
    expect(cppcc(['run', corpus, '--out', two, '--workers', '2', '--quiet']).status).toBe(0);
    const a = await rowFingerprints(one);
    expect(a.tokens).toMatch(/^[1-9]\d*:[0-9a-f]{32}$/);
    expect(await rowFingerprints(two)).toEqual(a);
  }, 120_000);
});
