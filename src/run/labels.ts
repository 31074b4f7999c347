/**
 * The runner's half of run labels (the rule and the index are segment/labels.ts's). Every document is
 * processed once without the corpus's labels; then the labels its documents define are gathered, and the
 * documents whose tokens they would change are processed again with them, from their sources, until none
 * would change. `cppcc extract` does this in memory, `cppcc run` and `cppcc merge` over the store (so a label
 * found by a later run reaches documents stored by an earlier one). Either way a document's rows and its
 * tokens come from one state of the tokens, whatever the order, the workers or the shards.
 */
import { readInputFile } from '../ingest/read.js';
import type { RawItem } from '../ingest/item.js';
import type { Document } from '../model/document.js';
import { tokensFrom } from '../model/tokens.js';
import { type Pipeline, readOptionsOf } from '../pipeline/run.js';
import { labelsOf, needsLabels } from '../segment/labels.js';
import type { Store } from '../store/duckdb.js';
import { sqlList } from '../store/sql.js';
import { writeBatch } from '../store/write.js';
import { documentId } from './process.js';
import type { Processor } from './processor.js';

export const RELABEL_STAGE = 'run.labels@1';

/**
 * Rounds of processing again: one settles the labels of a corpus (a second is needed only when a label
 * changes what the extractor finds and so defines another); the bound stops a pathological cycle.
 */
const MAX_ROUNDS = 3;
/** Documents read (text and tokens) per query and processed per batch: bounds the memory of the pass on a large store. */
const CHUNK = 200;

export interface LabelRounds { labels: number; documents: number; rounds: number; missing: number }

/** The item of a document read again from its source; null when the source is gone or now holds other content. */
function itemAgain(path: string, item: number | null, docId: string, pipeline: Pipeline, cache: Map<string, RawItem[]>): RawItem | null {
  let items = cache.get(path);
  if (!items) {
    items = readInputFile(path, readOptionsOf(pipeline));
    cache.clear();
    cache.set(path, items);
  }
  return items.find((it) => it.source.item === item && documentId(it) === docId) ?? null;
}

/** Documents processed in memory (`cppcc extract`): those the corpus's labels would change, processed again. */
export async function settleLabels(docs: Document[], pipeline: Pipeline, processor: Processor): Promise<{ docs: Document[]; rounds: LabelRounds }> {
  const out = [...docs];
  const rounds: LabelRounds = { labels: 0, documents: 0, rounds: 0, missing: 0 };
  const files = new Map<string, RawItem[]>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const labels = new Set(out.flatMap((d) => (d.failed ? [] : labelsOf(d))));
    rounds.labels = labels.size;
    if (!labels.size) break;
    const again = out.map((d, k) => [d, k] as const).filter(([d]) => !d.failed && needsLabels(d.text, d.tokens, labels));
    if (!again.length) break;
    rounds.rounds = round;
    const items: { k: number; item: RawItem }[] = [];
    for (const [d, k] of again) {
      const item = itemAgain(d.source.path, d.source.item, d.id, pipeline, files);
      if (item) items.push({ k, item });
      else rounds.missing++;
    }
    if (!items.length) break;
    const redone = await processor.process(items.map((x) => x.item), labels);
    redone.forEach((d, i) => { out[items[i].k] = d; });
    rounds.documents += redone.length;
  }
  return { docs: out, rounds };
}

/** The run labels of the documents a pipeline stored (mechanisms.is_label: the rule of model/results.ts isRunLabel). */
async function storedLabels(store: Store, pipelineHash: string): Promise<Set<string>> {
  const rows = (await store.connection.runAndReadAll(
    'SELECT DISTINCT m.name FROM mechanisms m JOIN documents d USING (doc_id) WHERE d.pipeline_hash = $1 AND m.is_label ORDER BY 1',
    [pipelineHash],
  )).getRowsJS() as [string][];
  return new Set(rows.map((r) => String(r[0])));
}

/**
 * The stored documents of a pipeline (`cppcc run`, `cppcc merge`): those the run's labels would change are
 * read again from their sources, processed with the labels and stored again, each batch in one transaction.
 */
export async function settleStoredLabels(store: Store, pipeline: Pipeline, processor: Processor, runId: string, pipelineHash: string): Promise<LabelRounds> {
  const c = store.connection;
  const rounds: LabelRounds = { labels: 0, documents: 0, rounds: 0, missing: 0 };
  const files = new Map<string, RawItem[]>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const labels = await storedLabels(store, pipelineHash);
    rounds.labels = labels.size;
    if (!labels.size) break;
    const ids = ((await c.runAndReadAll('SELECT doc_id FROM documents WHERE pipeline_hash = $1 AND failed IS NULL ORDER BY doc_id', [pipelineHash])).getRowsJS() as [string][]).map((r) => String(r[0]));
    let changed = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const list = sqlList(ids.slice(i, i + CHUNK));
      const sql = `SELECT d.doc_id, d.path, d.item, d.text, list(t.start ORDER BY t.idx), list(t."end" ORDER BY t.idx), list(t.pos ORDER BY t.idx)
        FROM documents d JOIN tokens t USING (doc_id) WHERE d.doc_id IN (${list}) GROUP BY d.doc_id, d.path, d.item, d.text ORDER BY d.doc_id`;
      const items: RawItem[] = [];
      for (const [id, path, item, text, starts, ends, pos] of (await c.runAndReadAll(sql)).getRowsJS() as [string, string, number | null, string, number[], number[], string[]][]) {
        if (!needsLabels(text, tokensFrom(starts, ends, pos, 'stored'), labels)) continue;
        const again = itemAgain(path, item === null ? null : Number(item), id, pipeline, files);
        if (again) items.push(again);
        else rounds.missing++;
      }
      if (!items.length) continue;
      await writeBatch(store, await processor.process(items, labels), runId, pipelineHash);
      changed += items.length;
    }
    if (!changed) break;
    rounds.rounds = round;
    rounds.documents += changed;
  }
  return rounds;
}
