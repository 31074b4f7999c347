#!/usr/bin/env node
/**
 * `npm run bench [-- --quick] [-- --docs N] [-- --queue]`: builds a deterministic scaled corpus from corpus/seeds and
 * measures, in one run: chars/s of every stage, raw nodejieba.cut on the same text as the reference,
 * end-to-end chars/s and docs/s, store rows/s, index build time and size, cold index load, query
 * p50/p95 and peak RSS. Prints a table and writes output/bench/results.json.
 */
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { listInputFiles, readInputFile } from '../ingest/read.js';
import { documentFromItem } from '../run/process.js';
import { loadPipeline, runDocument } from '../pipeline/run.js';
import { buildIndex, INDEX_FILE } from '../search/buildIndex.js';
import { englishNameTable, loadIndex, search } from '../search/query.js';
import { openStore } from '../store/duckdb.js';
import { writeBatch } from '../store/write.js';
import { getJieba, segmentText } from '../segment/segment.js';
import { packageRoot } from '../util/paths.js';
import { buildBenchCorpus } from './corpus.js';
import { queueBench } from './queueBench.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const docsArg = args.indexOf('--docs');
/** 10,000 documents of about 3,000 characters: the scale the benchmark issue asks for (≥ 30 M chars). */
const DOCUMENTS = docsArg >= 0 ? Number(args[docsArg + 1]) : quick ? 300 : 10_000;
const QUERIES_PER_TERM = 20;
/**
 * Segmenter against raw cut: 3 M characters (a tenth of the full corpus). Each document is cut both ways
 * back to back, which goes first alternating, and the totals compared: the two then share whatever the
 * machine is doing at that moment. Timing the sample once each way, as this bench first did, gave ratios
 * from 1.08 to 1.32 between runs on this VM (neighbours' load shifts between rounds); per document the
 * ratio of a round stays within about ±0.05. The median of 5 rounds is reported.
 */
const SEGMENT_SAMPLE_CHARS = 3_000_000;
const SEGMENT_ROUNDS = 5;
const BATCH = 50;

const root = packageRoot();
const out = join(root, 'output', 'bench');
mkdirSync(out, { recursive: true });
const log = (s: string) => process.stderr.write(s + '\n');

log(`building ${DOCUMENTS} documents…`);
const corpus = buildBenchCorpus(join(root, 'corpus', 'seeds'), join(out, 'corpus'), DOCUMENTS);
if (args.includes('--queue')) {
  // The queue variant measures whole distributed runs only (the stage figures are the plain bench's).
  await queueBench(root, out, corpus.dir, corpus.documents, corpus.chars);
  process.exit(0);
}
const pipeline = loadPipeline();
const stageMs = new Map<string, number>();
let ingestMs = 0, storeMs = 0, rows = 0, chars = 0, docs = 0, failed = 0;
const texts: string[] = [];
const dbPath = join(out, 'bench.duckdb');
for (const f of [dbPath, dbPath + '.wal']) rmSync(f, { force: true });
const store = await openStore(dbPath);
// Warm-up outside the clock: dictionaries and compiled vocabularies load once per process.
runDocument(documentFromItem(readInputFile(listInputFiles([corpus.dir]).files[0], 50_000_000)[0]), pipeline);
// Raw nodejieba on the same texts, same process and dictionary: the reference for the segmenter.
const jieba = createRequire(import.meta.url)('nodejieba') as { cut(s: string, hmm: boolean): string[] };
// Raw cut of each document right after its stages, off the end-to-end clock: the segment stage pays for
// caches the other stages evicted and garbage they left, and so does this cut, so the two compare fairly.
let rawInLoopMs = 0;
const t0 = performance.now();
let batch = [];
for (const file of listInputFiles([corpus.dir]).files) {
  const ti = performance.now();
  const items = readInputFile(file, 50_000_000);
  ingestMs += performance.now() - ti;
  for (const item of items) {
    const doc = runDocument(documentFromItem(item), pipeline);
    for (const r of doc.trace) stageMs.set(r.stage, (stageMs.get(r.stage) ?? 0) + r.ms);
    const tr = performance.now();
    jieba.cut(doc.text, true);
    rawInLoopMs += performance.now() - tr;
    chars += doc.text.length;
    docs++;
    if (doc.failed) failed++;
    texts.push(doc.text);
    batch.push(doc);
    if (batch.length >= BATCH) {
      const ts = performance.now();
      rows += await writeBatch(store, batch, 'bench', 'bench');
      storeMs += performance.now() - ts;
      batch = [];
    }
  }
}
if (batch.length) {
  const ts = performance.now();
  rows += await writeBatch(store, batch, 'bench', 'bench');
  storeMs += performance.now() - ts;
}
const endToEndMs = performance.now() - t0 - rawInLoopMs;
await store.connection.run('CHECKPOINT');
const rssBeforeIndex = Math.round(process.memoryUsage().rss / 2 ** 20);
const ti = performance.now();
const index = await buildIndex(store, dbPath, join(out, INDEX_FILE));
const indexMs = performance.now() - ti;
store.close();

getJieba();
const tj = performance.now();
for (const t of texts) jieba.cut(t, true);
const jiebaMs = performance.now() - tj;

// The stage time above also pays for garbage the other stages left (the collector runs where it must);
// segmenter and raw cut side by side on the same sample, document by document, is the layer's own cost.
const sample: string[] = [];
for (let n = 0, i = 0; i < texts.length && n < SEGMENT_SAMPLE_CHARS; i++) { sample.push(texts[i]); n += texts[i].length; }
const segmentRatios: number[] = [];
const msOf = (f: () => unknown) => {
  const a = performance.now();
  f();
  return performance.now() - a;
};
for (let r = 0; r < SEGMENT_ROUNDS; r++) {
  let raw = 0, seg = 0;
  for (let i = 0; i < sample.length; i++) {
    const t = sample[i];
    // Which goes first alternates, so neither always inherits the other's garbage or warms the other's caches.
    if ((i + r) % 2) {
      seg += msOf(() => segmentText(t));
      raw += msOf(() => jieba.cut(t, true));
    } else {
      raw += msOf(() => jieba.cut(t, true));
      seg += msOf(() => segmentText(t));
    }
  }
  segmentRatios.push(seg / raw);
}
const segmentRatio = segmentRatios.sort((x, y) => x - y)[SEGMENT_ROUNDS >> 1];

const tl = performance.now();
const loaded = loadIndex(join(out, INDEX_FILE), dbPath);
const coldLoadMs = performance.now() - tl;
const names = englishNameTable([]);
const queries = ['四个一', '四個一', 'four ones', '两个全覆盖', '三会一课', '联帮网格', '政协委员', 'two full coverages'];
const times: number[] = [];
for (const q of queries) for (let k = 0; k < QUERIES_PER_TERM; k++) {
  const tq = performance.now();
  search(loaded, q, names, 10);
  times.push(performance.now() - tq);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];

const perSec = (n: number, ms: number) => (ms > 0 ? Math.round((n / ms) * 1000) : 0);
const results = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version },
  corpus: { documents: docs, failed, chars, generated_chars: corpus.chars },
  stages_chars_per_s: Object.fromEntries([['ingest.read', perSec(chars, ingestMs)], ...[...stageMs].map(([k, v]) => [k, perSec(chars, v)]), ['store', perSec(chars, storeMs)], ['index', perSec(chars, indexMs)]]),
  end_to_end: { chars_per_s: perSec(chars, endToEndMs), docs_per_s: perSec(docs, endToEndMs), seconds: Math.round(endToEndMs) / 1000 },
  raw_nodejieba_cut_chars_per_s: perSec(chars, jiebaMs),
  segment_vs_raw_jieba_in_loop: Math.round((stageMs.get('segment.jieba@1') ?? 0) / rawInLoopMs * 100) / 100,
  segmenter_alone_vs_raw_jieba: Math.round(segmentRatio * 100) / 100,
  segmenter_alone_vs_raw_jieba_rounds: segmentRatios.map((x) => Math.round(x * 100) / 100),
  end_to_end_vs_raw_jieba: Math.round((perSec(chars, endToEndMs) / perSec(chars, jiebaMs)) * 1000) / 1000,
  store: { rows, rows_per_s: perSec(rows, storeMs), db_bytes: statSync(dbPath).size },
  index: { build_s: Math.round(indexMs) / 1000, bytes: index.bytes, cold_load_ms: Math.round(coldLoadMs), query_p50_ms: Math.round(pct(0.5) * 100) / 100, query_p95_ms: Math.round(pct(0.95) * 100) / 100 },
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  rss_before_index_mb: rssBeforeIndex,
};
// Whole runs (`cppcc run`, index included) in child processes: one worker against all cores, and peak RSS at
// half and full corpus size (flat apart from the index when documents stream).
const runOnce = (dir: string, workers: number) => {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'src', 'bench', 'runOnce.js'), dir, join(out, `run-${workers}`), String(workers)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench run with ${workers} workers failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { seconds: number; documents: number; peak_rss_mb: number; peak_rss_mb_before_index: number };
};
const cores = availableParallelism();
log(`whole runs: 1 worker, ${cores} workers, and ${cores} workers on half the corpus…`);
const one = runOnce(corpus.dir, 1);
const all = runOnce(corpus.dir, cores);
const half = buildBenchCorpus(join(root, 'corpus', 'seeds'), join(out, 'corpus-half'), Math.ceil(DOCUMENTS / 2));
const halfRun = runOnce(half.dir, cores);
const runs = {
  workers: cores,
  one_worker: { ...one, chars_per_s: perSec(chars, one.seconds * 1000) },
  all_workers: { ...all, chars_per_s: perSec(chars, all.seconds * 1000) },
  speedup: Math.round((one.seconds / all.seconds) * 100) / 100,
  peak_rss_mb_half_corpus: halfRun.peak_rss_mb,
  peak_rss_mb_full_corpus: all.peak_rss_mb,
  peak_rss_mb_before_index_half_corpus: halfRun.peak_rss_mb_before_index,
  peak_rss_mb_before_index_full_corpus: all.peak_rss_mb_before_index,
};
Object.assign(results, { runs });
writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
const line = (k: string, v: unknown) => `${k.padEnd(34)} ${String(v)}`;
const table = [
  `machine: ${results.machine.cpus} cores, ${results.machine.cpu}, ${results.machine.memory_gb} GB, node ${results.machine.node}`,
  line('documents / chars', `${docs} / ${chars}`),
  ...Object.entries(results.stages_chars_per_s).map(([k, v]) => line(`  ${k} chars/s`, v)),
  line('end-to-end chars/s, docs/s', `${results.end_to_end.chars_per_s}, ${results.end_to_end.docs_per_s} (${results.end_to_end.seconds} s)`),
  line('raw nodejieba.cut chars/s', results.raw_nodejieba_cut_chars_per_s),
  line('segment stage / raw cut, in the loop', results.segment_vs_raw_jieba_in_loop),
  line('segmenter / raw cut, side by side', `${results.segmenter_alone_vs_raw_jieba} (median of ${SEGMENT_ROUNDS} rounds on ${sample.length} documents: ${results.segmenter_alone_vs_raw_jieba_rounds.join(', ')})`),
  line('end-to-end / raw jieba', results.end_to_end_vs_raw_jieba),
  line('store rows, rows/s', `${rows}, ${results.store.rows_per_s}`),
  line('index build s, size bytes', `${results.index.build_s}, ${results.index.bytes}`),
  line('index cold load ms', results.index.cold_load_ms),
  line('query p50 / p95 ms', `${results.index.query_p50_ms} / ${results.index.query_p95_ms}`),
  line('peak RSS MB (before index build)', `${results.peak_rss_mb} (${results.rss_before_index_mb})`),
  'whole runs (cppcc run, index included):',
  line('  1 worker s, chars/s', `${runs.one_worker.seconds}, ${runs.one_worker.chars_per_s}`),
  line(`  ${cores} workers s, chars/s`, `${runs.all_workers.seconds}, ${runs.all_workers.chars_per_s}`),
  line(`  speedup ${cores} workers / 1`, runs.speedup),
  line(`  peak RSS MB, ${half.documents} / ${docs} docs`, `${runs.peak_rss_mb_half_corpus} / ${runs.peak_rss_mb_full_corpus}`),
  line('    of which before the index build', `${runs.peak_rss_mb_before_index_half_corpus} / ${runs.peak_rss_mb_before_index_full_corpus}`),
];
process.stdout.write(table.join('\n') + '\n');

