#!/usr/bin/env node
/**
 * One `cppcc run` measured in its own process (so its peak RSS is its own): `node runOnce.js <corpus> <out>
 * <workers>` prints {seconds, documents, peak_rss_mb, peak_rss_mb_before_index} as one JSON line. Used by the benchmark.
 */
import { rmSync } from 'node:fs';
import { runCorpus } from '../run/runCorpus.js';

const [corpus, out, workers] = process.argv.slice(2);
rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
const s = await runCorpus({ inputs: [corpus], out, workers: Number(workers) });
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ seconds: Math.round(seconds * 100) / 100, documents: s.documents, peak_rss_mb: s.memory.peak_rss_mb, peak_rss_mb_before_index: s.memory.peak_rss_mb_before_index }) + '\n');
