import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listValue } from '@duckdb/node-api';
import type { Document } from '../model/document.js';
import { buildIndex, INDEX_FILE } from '../search/buildIndex.js';
import { CppccError, ERRORS, errorMessage, type ErrorCode } from '../model/errors.js';
import { isWriteFailure, openStore, type Store } from '../store/duckdb.js';
import { writeBatch } from '../store/write.js';
import { sha256 } from '../util/hash.js';
import { packageRoot } from '../util/paths.js';
import { documentId } from './process.js';
import { defaultWorkers, processorFor, type Processor } from './processor.js';
import type { FieldMap } from '../ingest/containers/fields.js';
import { loadPipeline, type Pipeline } from '../pipeline/run.js';
import { streamBatches } from './batches.js';
import { type LabelRounds, RELABEL_STAGE, settleStoredLabels } from './labels.js';

export const DB_FILE = 'cppcc.duckdb';
export const RUN_FILE = 'run.json';

export interface RunOptions {
  inputs: string[];
  out: string;
  pipelineFile?: string;
  /** Field names of the user's export schema, tried before the pipeline file's (--field role=name). */
  fields?: FieldMap;
  /** Re-process every document even when the stored one has the same content and pipeline hash. */
  force?: boolean;
  /** Aborted (SIGINT): the run stops after the batch in hand, which is committed. */
  signal?: AbortSignal;
  /** Worker threads for the CPU stages (default: the number of cores); 1 runs on the calling thread. */
  workers?: number;
  onProgress?(doneFiles: number, totalFiles: number, documents: number): void;
  onDocumentError?(doc: Document): void;
  /** After each committed batch: documents stored so far in this run. */
  onBatch?(stored: number): void;
}

export interface RunSummary {
  run_id: string;
  started_at: string;
  finished_at: string;
  pipeline: string;
  stages: string[];
  inputs: string[];
  files: number;
  /** Input paths that do not exist (a run with --strict fails on them). */
  missing_inputs: string[];
  /** Folders and files the walk could not use, with why. */
  skipped_inputs: { path: string; reason: string }[];
  documents: number;
  /** Documents skipped because the same content was already stored by the same pipeline. */
  unchanged: number;
  failed: number;
  /** True when the run was interrupted; running the same command again resumes it. */
  interrupted: boolean;
  flagged: number;
  failures: { file: string; reason: string }[];
  rows: Record<string, number>;
  index: { documents: number; bytes: number };
  /** Peak resident memory of the process (worker threads included) before the search index was built, and at the end. */
  memory: { peak_rss_mb_before_index: number; peak_rss_mb: number };
  /**
   * Run labels found in the text, the stored documents processed again with them (their tokens would have
   * changed), in how many rounds, and how many could not be read again from their sources (run/labels.ts).
   */
  run_labels: LabelRounds;
  config_hash: string;
  package_versions: Record<string, string>;
  /** The corpus-level report: failures grouped by reason, flagged documents by rule. */
  report?: CorpusReport;
}

export interface CorpusReport {
  failed_by_reason: { code: string; reason: string; documents: number; examples: string[] }[];
  flagged_by_rule: { rule: string; documents: number }[];
  where_to_look: string[];
}

/** Examples listed per failure reason: enough to find the files, short enough to read. */
const REPORT_EXAMPLES = 3;

/** Failures grouped by their error code (a stage error by its stage), flags by rule, most frequent first. */
export function corpusReport(s: RunSummary, flagCounts: Map<string, number>): CorpusReport {
  const groups = new Map<string, { code: string; reason: string; documents: number; examples: string[] }>();
  for (const f of s.failures) {
    const code = /^\[(E\d{3})\]/.exec(f.reason)?.[1] ?? 'other';
    // The group's reason is the code's message with the particulars left out; the examples name the files.
    const generic = code in ERRORS ? ERRORS[code as ErrorCode].replace(/\{input\}/g, 'the input').replace(/\{\w+\}/g, '…') : f.reason;
    const g = groups.get(code) ?? { code, reason: generic, documents: 0, examples: [] };
    g.documents++;
    if (g.examples.length < REPORT_EXAMPLES) g.examples.push(f.file);
    groups.set(code, g);
  }
  return {
    failed_by_reason: [...groups.values()].sort((a, b) => b.documents - a.documents || a.code.localeCompare(b.code)),
    flagged_by_rule: [...flagCounts].map(([rule, documents]) => ({ rule, documents })).sort((a, b) => b.documents - a.documents || a.rule.localeCompare(b.rule)),
    where_to_look: [
      'cppcc sql "select file, failed from documents where failed is not null"',
      'cppcc sql "select rule_id, severity, count(*) n from flags group by all order by n desc"',
      'run.json in the run folder',
    ],
  };
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
 * Hash of everything that decides what a run extracts: the package version, the pipeline file and
 * every data file under pipelines/. A stored document with another hash is processed again.
 */
export function pipelineHash(pipelineFile: string): string {
  const parts = [JSON.stringify(packageVersions()), readFileSync(pipelineFile, 'utf8')];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else parts.push(f, readFileSync(p, 'utf8'));
    }
  };
  walk(join(packageRoot(), 'pipelines'));
  return sha256(parts.join('\u0000')).slice(0, 16);
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** A new run id: the start time and a random suffix, so two runs started the same second differ. */
export function newRunId(started: Date): string {
  return `run-${started.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${sha256(String(Math.random())).slice(0, 6)}`;
}

/** The run folder, created; a folder that cannot be made is a coded error. */
export function runFolder(dir: string): string {
  const out = resolve(dir);
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw new CppccError('E023', { input: out, cause: errorMessage(e) });
  }
  return out;
}

export function newSummary(runId: string, started: Date, pipeline: Pipeline, inputs: string[], configHash: string): RunSummary {
  return {
    run_id: runId, started_at: started.toISOString(), finished_at: '', pipeline: pipeline.file, stages: [...pipeline.stages.map((s) => s.id), RELABEL_STAGE],
    inputs, files: 0, missing_inputs: [], skipped_inputs: [], documents: 0, unchanged: 0, failed: 0, interrupted: false, flagged: 0, failures: [], rows: {},
    index: { documents: 0, bytes: 0 }, memory: { peak_rss_mb_before_index: 0, peak_rss_mb: 0 }, run_labels: { labels: 0, documents: 0, rounds: 0, missing: 0 }, config_hash: configHash, package_versions: packageVersions(),
  };
}

/**
 * What every run that ends in a database does once its documents are in (`cppcc run`, `cppcc merge`): the
 * run's labels applied to every stored document, the runs row, row counts, the search index, run.json.
 */
export async function finishRun(store: Store, out: string, summary: RunSummary, flagCounts: Map<string, number>, labels: { pipeline: Pipeline; processor: Processor }): Promise<RunSummary> {
  const dbPath = join(out, DB_FILE);
  try {
    summary.run_labels = await settleStoredLabels(store, labels.pipeline, labels.processor, summary.run_id, summary.config_hash);
    await store.connection.run('INSERT OR REPLACE INTO runs VALUES ($1, $2::TIMESTAMP, current_timestamp, $3, $4, $5, $6, $7, $8, $9)', [
      summary.run_id, summary.started_at, summary.pipeline, listValue(summary.stages), summary.config_hash, JSON.stringify(summary.package_versions),
      listValue(summary.inputs), summary.documents, summary.failed,
    ]);
    for (const t of ['documents', 'flags', 'tokens', 'mechanisms', 'metrics', 'people', 'org_systems', 'org_units']) {
      const res = await store.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t}`);
      summary.rows[t] = Number(res.getRowObjects()[0].n);
    }
    await store.connection.run('CHECKPOINT');
    summary.memory.peak_rss_mb_before_index = peakRssMb();
    summary.index = await buildIndex(store, dbPath, join(out, INDEX_FILE));
    summary.memory.peak_rss_mb = peakRssMb();
  } catch (e) {
    throw asWriteError(e, dbPath);
  }
  summary.finished_at = new Date().toISOString();
  summary.report = corpusReport(summary, flagCounts);
  try {
    writeFileSync(join(out, RUN_FILE), JSON.stringify(summary, null, 2) + '\n');
  } catch (e) {
    throw new CppccError('E023', { input: join(out, RUN_FILE), cause: errorMessage(e) });
  }
  return summary;
}

/**
 * A full disk or a file-size limit: committed batches are safe (DuckDB replays its log on the next open),
 * so the user can free space and run again.
 */
function asWriteError(e: unknown, dbPath: string): unknown {
  if (!(e instanceof CppccError) && isWriteFailure(errorMessage(e))) return new CppccError('E023', { input: dbPath, cause: errorMessage(e) });
  return e;
}

/** Closing an instance a fatal write error invalidated can throw; the error being reported is the one that matters. */
export function closeQuietly(store: Store): void {
  try {
    store.close();
  } catch {
    // see above
  }
}

/**
 * An index file half written by a killed run (index.json.tmp-<pid>): only a run that holds the database
 * writes one, and a run that opens it is the only one, so any such file is stale.
 */
function removeIndexTemporaries(out: string): void {
  for (const name of readdirSync(out)) if (name.startsWith(`${INDEX_FILE}.tmp-`)) rmSync(join(out, name), { force: true });
}

/**
 * The main job: every input through the pipeline into DuckDB (one transaction per batch), then the
 * search index and run.json. Documents that fail are stored with their reason; the run goes on.
 */
export async function runCorpus(opts: RunOptions): Promise<RunSummary> {
  const pipeline = loadPipeline(opts.pipelineFile, { fields: opts.fields });
  const out = runFolder(opts.out);
  const dbPath = join(out, DB_FILE);
  const started = new Date();
  const configHash = pipelineHash(pipeline.file);
  const summary = newSummary(newRunId(started), started, pipeline, opts.inputs, configHash);
  const store = await openStore(dbPath);
  // After the database is ours: no other run can be writing an index here now.
  removeIndexTemporaries(out);
  let flagCounts = new Map<string, number>();
  // One processor for the run and for its labels' second pass (a pool of threads keeps its dictionaries).
  const processor = processorFor(pipeline, opts.workers ?? defaultWorkers());
  try {
    try {
      // Incremental: documents stored by the same pipeline (same content hash, same pipeline hash) are skipped.
      const stored = new Set<string>();
      if (!opts.force) {
        for (const r of (await store.connection.runAndReadAll('SELECT doc_id FROM documents WHERE pipeline_hash = $1', [configHash])).getRowsJS()) stored.add(String(r[0]));
      }
      let written = 0;
      const r = await streamBatches({
        inputs: opts.inputs, pipeline, workers: processor.workers, processor, signal: opts.signal,
        onProgress: opts.onProgress, onDocumentError: opts.onDocumentError,
        skip: (item) => {
          if (!stored.has(documentId(item))) return false;
          summary.unchanged++;
          return true;
        },
        write: async (docs) => {
          await writeBatch(store, docs, summary.run_id, configHash);
          written += docs.length;
          opts.onBatch?.(written);
        },
      });
      Object.assign(summary, { files: r.files, missing_inputs: r.missing, skipped_inputs: r.skipped, interrupted: r.interrupted, documents: r.tally.documents, failed: r.tally.failed, flagged: r.tally.flagged, failures: r.tally.failures });
      flagCounts = r.tally.flagCounts;
    } catch (e) {
      throw asWriteError(e, dbPath);
    }
    return await finishRun(store, out, summary, flagCounts, { pipeline, processor });
  } finally {
    await processor.close();
    closeQuietly(store);
  }
}
