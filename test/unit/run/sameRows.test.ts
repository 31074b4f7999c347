import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentSets } from '../../../src/eval/sets.js';
import type { Document } from '../../../src/model/document.js';
import { loadPipeline } from '../../../src/pipeline/run.js';
import { extractDocuments } from '../../../src/run/extract.js';
import { DB_FILE, runCorpus } from '../../../src/run/runCorpus.js';
import { openStore, type Store } from '../../../src/store/duckdb.js';
import { DOCUMENT_TABLES, writeBatch } from '../../../src/store/write.js';

/** Every development document in one folder, names prefixed so that `reverse` flips the order they are read in. */
function corpus(reverse: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'cppcc-same-'));
  const files = developmentSets().flatMap((s) => readdirSync(s.docs).map((f) => join(s.docs, f))).sort();
  files.forEach((f, k) => {
    const rank = String(reverse ? files.length - k : k + 1).padStart(3, '0');
    mkdirSync(join(dir, rank), { recursive: true });
    copyFileSync(f, join(dir, rank, f.split('/').pop()!));
  });
  return dir;
}

/** A table's rows as sorted JSON lines, without what names the run or the file's place (run, path, file order). */
async function tableRows(store: Store, table: string): Promise<string[]> {
  const drop = { documents: ['run_id', 'path'], mechanisms: ['run_id'], metrics: ['run_id'], people: ['run_id'], org_systems: ['run_id'], org_units: ['run_id'] } as Record<string, string[]>;
  const cols = ((await store.connection.runAndReadAll(`DESCRIBE ${table}`)).getRowObjects() as { column_name: string }[]).map((r) => r.column_name).filter((c) => !(drop[table] ?? []).includes(c));
  const rows = (await store.connection.runAndReadAll(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM ${table}`)).getRowsJS();
  return rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();
}

async function allRows(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of DOCUMENT_TABLES) out[t] = await tableRows(store, t);
  return out;
}

async function runRows(inputs: string, workers: number): Promise<Record<string, string[]>> {
  const out = mkdtempSync(join(tmpdir(), 'cppcc-same-out-'));
  await runCorpus({ inputs: [inputs], out, workers });
  const store = await openStore(join(out, DB_FILE), { readOnly: true });
  try {
    return await allRows(store);
  } finally {
    store.close();
  }
}

describe('extract and run give the same rows', () => {
  it('cppcc extract and cppcc run, with 1 and 2 workers and in either file order, store exactly the same rows in every table', async () => {
    const forward = corpus(false);
    const docs: Document[] = [];
    const pipeline = loadPipeline();
    await extractDocuments([forward], pipeline, { onDocument: (d) => { docs.push(d); } });
    const mem = await openStore(':memory:');
    let extracted: Record<string, string[]>;
    try {
      await writeBatch(mem, docs, 'r', (await import('../../../src/run/runCorpus.js')).pipelineHash(pipeline.file));
      extracted = await allRows(mem);
    } finally {
      mem.close();
    }
    // Names differ in their rank folder only, which is not in the rows compared.
    expect(extracted.documents.length).toBe(docs.length);
    expect(await runRows(forward, 1)).toEqual(extracted);
    expect(await runRows(forward, 2)).toEqual(extracted);
    expect(await runRows(corpus(true), 2)).toEqual(extracted);
  }, 600_000);
});
