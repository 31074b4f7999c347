import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBenchCorpus } from '../../../src/bench/corpus.js';
import { ROOT, SEEDS } from '../../helpers/docs.js';

const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const cppcc = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

/** A fingerprint of every row that carries extraction results, order-independent. */
const FINGERPRINTS = {
  tokens: "select md5(string_agg(concat_ws('|', doc_id, idx, token, pos, start, \"end\"), ',' order by doc_id, idx)) from tokens",
  mechanisms: "select md5(string_agg(concat_ws('|', doc_id, name, start, \"end\", components::VARCHAR, org), ',' order by doc_id, start, name)) from mechanisms",
  metrics: "select md5(string_agg(concat_ws('|', doc_id, value, unit, start), ',' order by doc_id, start, unit)) from metrics",
  documents: "select md5(string_agg(concat_ws('|', doc_id, title, date, text, failed), ',' order by doc_id)) from documents",
};

describe('store: worker threads', () => {
  it('workers: two worker threads store exactly the rows one thread stores (labels shared per batch, not by timing)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-workers-'));
    const corpus = join(dir, 'corpus');
    // 120 documents: three batches, so labels found in one batch reach the next.
    buildBenchCorpus(SEEDS, corpus, 120);
    const print = (out: string) => Object.fromEntries(Object.entries(FINGERPRINTS).map(([k, q]) => [k, cppcc(['sql', q, '--out', out, '--format', 'csv']).stdout.split('\n')[1]]));
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    expect(cppcc(['run', corpus, '--out', one, '--workers', '1', '--quiet']).status).toBe(0);
    expect(cppcc(['run', corpus, '--out', two, '--workers', '2', '--quiet']).status).toBe(0);
    const a = print(one);
    expect(Object.values(a).every((v) => /^[0-9a-f]{32}$/.test(v))).toBe(true);
    expect(print(two)).toEqual(a);
  }, 120_000);
});
