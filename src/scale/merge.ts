/**
 * `cppcc merge`: the run's database and search index from the Parquet parts of shards or queue jobs. A
 * document found in more than one part (the same content in two files, or a batch written by two
 * attempts) is kept once, from the input read last in path order: the document a single `cppcc run`
 * over the same inputs keeps.
 */
import { join } from 'node:path';
import { CppccError } from '../model/errors.js';
import { defaultWorkers, processorFor } from '../run/processor.js';
import { closeQuietly, DB_FILE, finishRun, newRunId, newSummary, runFolder, type RunSummary } from '../run/runCorpus.js';
import { loadPipeline } from '../pipeline/run.js';
import { openStore } from '../store/duckdb.js';
import { sqlLiteral } from '../store/sql.js';
import { DOCUMENT_TABLES } from '../store/write.js';
import { listParts } from './parts.js';

export interface MergeOptions {
  parts: string;
  out: string;
  pipelineFile?: string;
  /** Threads for processing the documents the run's labels change again (default: the cores). */
  workers?: number;
}


export async function mergeParts(opts: MergeOptions): Promise<RunSummary> {
  const parts = listParts(opts.parts);
  const byHash = new Map<string, number>();
  for (const p of parts) byHash.set(p.manifest.pipeline_hash, (byHash.get(p.manifest.pipeline_hash) ?? 0) + 1);
  if (byHash.size > 1) throw new CppccError('E026', { input: opts.parts, cause: [...byHash].map(([h, n]) => `${n} parts by ${h}`).join(', ') });
  const configHash = parts[0].manifest.pipeline_hash;
  const pipeline = loadPipeline(opts.pipelineFile);
  const out = runFolder(opts.out);
  const started = new Date();
  const summary = newSummary(newRunId(started), started, pipeline, [opts.parts], configHash);
  const files = (table: string) => `[${parts.map((p) => sqlLiteral(join(p.dir, `${table}.parquet`))).join(', ')}]`;
  const store = await openStore(join(out, DB_FILE));
  try {
    const c = store.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`CREATE OR REPLACE TEMP TABLE merge_pick AS
        SELECT doc_id, arg_max(parse_dirpath(filename), coalesce(path, '') || chr(0) || lpad(CAST(coalesce(item, 0) AS VARCHAR), 12, '0')) AS part
        FROM read_parquet(${files('documents')}, filename = true) GROUP BY doc_id`);
      for (const t of DOCUMENT_TABLES) {
        await c.run(`DELETE FROM ${t} WHERE doc_id IN (SELECT doc_id FROM merge_pick)`);
        await c.run(`INSERT INTO ${t} BY NAME
          SELECT * EXCLUDE (filename) FROM read_parquet(${files(t)}, filename = true) x
          WHERE EXISTS (SELECT 1 FROM merge_pick p WHERE p.doc_id = x.doc_id AND p.part = parse_dirpath(x.filename))`);
      }
      await c.run('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
    const docs = (await c.runAndReadAll('SELECT d.file, d.failed FROM documents d JOIN merge_pick USING (doc_id) ORDER BY d.path, d.item')).getRowsJS() as [string, string | null][];
    summary.files = parts.length;
    summary.documents = docs.length;
    summary.failures = docs.filter(([, failed]) => failed).map(([file, failed]) => ({ file, reason: String(failed) }));
    summary.failed = summary.failures.length;
    const warned = `SELECT rule_id, doc_id FROM flags JOIN merge_pick USING (doc_id) WHERE severity = 'warning'`;
    summary.flagged = Number((await c.runAndReadAll(`SELECT count(DISTINCT doc_id) FROM (${warned})`)).getRowsJS()[0][0]);
    const flagCounts = new Map((await c.runAndReadAll(`SELECT rule_id, count(DISTINCT doc_id)::INTEGER FROM (${warned}) GROUP BY rule_id`)).getRowsJS() as [string, number][]);
    // The parts' documents were processed without the corpus's labels: the merge settles them (run/labels.ts).
    const processor = processorFor(pipeline, opts.workers ?? defaultWorkers());
    try {
      return await finishRun(store, out, summary, flagCounts, { pipeline, processor });
    } finally {
      await processor.close();
    }
  } finally {
    closeQuietly(store);
  }
}
