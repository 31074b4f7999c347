import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listValue } from '@duckdb/node-api';
import type { Document } from '../model/document.js';
import { buildIndex, INDEX_FILE } from '../search/buildIndex.js';
import { openStore } from '../store/duckdb.js';
import { writeBatch } from '../store/write.js';
import { sha256 } from '../util/hash.js';
import { packageRoot } from '../util/paths.js';
import { processPaths } from './process.js';
import { loadPipeline } from './run.js';

export const DB_FILE = 'cppcc.duckdb';
export const RUN_FILE = 'run.json';
/** Documents per transaction: large enough to amortise the commit, small enough that a crash loses little. */
const BATCH_SIZE = 50;

export interface RunOptions {
  inputs: string[];
  out: string;
  pipelineFile?: string;
  onProgress?(done: number, total: number): void;
  onDocumentError?(doc: Document): void;
}

export interface RunSummary {
  run_id: string;
  started_at: string;
  finished_at: string;
  pipeline: string;
  stages: string[];
  inputs: string[];
  files: number;
  documents: number;
  failed: number;
  flagged: number;
  failures: { file: string; reason: string }[];
  rows: Record<string, number>;
  index: { documents: number; bytes: number };
  config_hash: string;
  package_versions: Record<string, string>;
}

function packageVersions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
  const out: Record<string, string> = { 'cppcc-pipeline': pkg.version };
  for (const dep of ['nodejieba', 'opencc-js', 'lunr', '@duckdb/node-api', 'cheerio']) {
    try {
      out[dep] = JSON.parse(readFileSync(join(packageRoot(), 'node_modules', dep, 'package.json'), 'utf8')).version;
    } catch {
      out[dep] = 'unknown';
    }
  }
  return out;
}

/**
 * The main job: every input through the pipeline into DuckDB (one transaction per batch), then the
 * search index and run.json. Documents that fail are stored with their reason; the run goes on.
 */
export async function runCorpus(opts: RunOptions): Promise<RunSummary> {
  const pipeline = loadPipeline(opts.pipelineFile);
  const out = resolve(opts.out);
  mkdirSync(out, { recursive: true });
  const dbPath = join(out, DB_FILE);
  const started = new Date();
  const runId = `run-${started.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${sha256(String(Math.random())).slice(0, 6)}`;
  const configHash = sha256(readFileSync(pipeline.file, 'utf8')).slice(0, 16);
  const store = await openStore(dbPath);
  const summary: RunSummary = {
    run_id: runId, started_at: started.toISOString(), finished_at: '', pipeline: pipeline.file, stages: pipeline.stages.map((s) => s.id),
    inputs: opts.inputs, files: 0, documents: 0, failed: 0, flagged: 0, failures: [], rows: {}, index: { documents: 0, bytes: 0 },
    config_hash: configHash, package_versions: packageVersions(),
  };
  try {
    let batch: Document[] = [];
    let total = 0;
    let done = 0;
    const flush = async () => {
      await writeBatch(store, batch, runId, configHash);
      batch = [];
    };
    const r = await processPaths(opts.inputs, pipeline, {
      onTotal: (n) => { total = n; },
      onDocument: async (doc) => {
        summary.documents++;
        if (doc.failed) {
          summary.failed++;
          summary.failures.push({ file: doc.source.file, reason: doc.failed });
          opts.onDocumentError?.(doc);
        }
        if (doc.flags.some((f) => f.severity === 'warning')) summary.flagged++;
        batch.push(doc);
        if (batch.length >= BATCH_SIZE) await flush();
      },
      onFileDone: () => opts.onProgress?.(++done, total),
    });
    await flush();
    summary.files = r.files;
    await store.connection.run('INSERT OR REPLACE INTO runs VALUES ($1, $2::TIMESTAMP, current_timestamp, $3, $4, $5, $6, $7, $8, $9)', [
      runId, started.toISOString(), pipeline.file, listValue(summary.stages), configHash, JSON.stringify(summary.package_versions),
      listValue(opts.inputs), summary.documents, summary.failed,
    ]);
    for (const t of ['documents', 'flags', 'tokens', 'mechanisms', 'metrics', 'people', 'org_systems', 'org_units']) {
      const res = await store.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t}`);
      summary.rows[t] = Number(res.getRowObjects()[0].n);
    }
    await store.connection.run('CHECKPOINT');
    summary.index = await buildIndex(store, dbPath, join(out, INDEX_FILE));
  } finally {
    store.close();
  }
  summary.finished_at = new Date().toISOString();
  writeFileSync(join(out, RUN_FILE), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}
