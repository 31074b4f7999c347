/**
 * The corpus-level half of label discovery. A label an extractor found in the text (a quoted or counted
 * mechanism name, not one from the lexicon) becomes one token in every stored document that mentions it,
 * whether that document came before or after the one that defined it, in this run or an earlier one.
 *
 * It runs on the stored tokens once all documents are in, so the tokens depend only on the corpus: not on
 * the order documents were read, the number of workers, or how a corpus was split into shards or jobs.
 */
import { type Tokens, tokensFrom } from '../model/tokens.js';
import { keepLabelsWhole, LabelIndex } from '../segment/segment.js';
import type { Store } from '../store/duckdb.js';
import { insertTokens } from '../store/write.js';

export const RELABEL_STAGE = 'segment.runLabels@1';
/** Documents read (text and tokens) per query: bounds the memory of the pass on a large store. */
const RELABEL_CHUNK = 500;

/** Labels of the stored documents of one pipeline (mechanisms.is_label: the rule of model/results.ts isRunLabel). */
async function storedLabels(store: Store, pipelineHash: string): Promise<string[]> {
  const rows = (await store.connection.runAndReadAll(
    'SELECT DISTINCT m.name FROM mechanisms m JOIN documents d USING (doc_id) WHERE d.pipeline_hash = $1 AND m.is_label ORDER BY 1',
    [pipelineHash],
  )).getRowsJS() as [string][];
  return rows.map((r) => String(r[0]));
}

/** Applies the run's labels to every stored document of the pipeline; returns how many documents changed. */
export async function relabelStored(store: Store, pipelineHash: string): Promise<{ labels: number; documents: number }> {
  const labels = await storedLabels(store, pipelineHash);
  if (!labels.length) return { labels: 0, documents: 0 };
  const index = new LabelIndex();
  index.addAll(labels);
  const c = store.connection;
  const ids = ((await c.runAndReadAll('SELECT doc_id FROM documents WHERE pipeline_hash = $1 AND failed IS NULL ORDER BY doc_id', [pipelineHash])).getRowsJS() as [string][]).map((r) => String(r[0]));
  let changed = 0;
  for (let i = 0; i < ids.length; i += RELABEL_CHUNK) {
    const list = ids.slice(i, i + RELABEL_CHUNK).map((x) => `'${x.replace(/'/g, "''")}'`).join(',');
    const texts = new Map((await c.runAndReadAll(`SELECT doc_id, text FROM documents WHERE doc_id IN (${list})`)).getRowsJS() as [string, string][]);
    const mentioning = [...texts].filter(([, text]) => index.find(text).length).map(([id]) => `'${id.replace(/'/g, "''")}'`);
    if (!mentioning.length) continue;
    const sql = `SELECT doc_id, list(start ORDER BY idx), list("end" ORDER BY idx), list(pos ORDER BY idx) FROM tokens WHERE doc_id IN (${mentioning.join(',')}) GROUP BY doc_id`;
    const rewrite: { id: string; text: string; tokens: Tokens }[] = [];
    for (const [id, starts, ends, pos] of (await c.runAndReadAll(sql)).getRowsJS() as [string, number[], number[], string[]][]) {
      const text = texts.get(id) ?? '';
      const tokens = tokensFrom(starts, ends, pos, 'stored');
      const merged = keepLabelsWhole(text, tokens, index, RELABEL_STAGE);
      if (!tokens.sameAs(merged)) rewrite.push({ id, text, tokens: merged });
    }
    if (!rewrite.length) continue;
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`DELETE FROM tokens WHERE doc_id IN (${rewrite.map((d) => `'${d.id.replace(/'/g, "''")}'`).join(',')})`);
      await insertTokens(c, rewrite);
      await c.run('COMMIT');
    } catch (e) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
    changed += rewrite.length;
  }
  return { labels: labels.length, documents: changed };
}
