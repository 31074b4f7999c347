import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamBatches } from '../../../src/run/batches.js';
import { loadPipeline } from '../../../src/pipeline/run.js';
import { pipelinesPath } from '../../../src/util/paths.js';
import { processFile } from '../../helpers/docs.js';

const dir = mkdtempSync(join(tmpdir(), 'cppcc-budget-'));
/** A pipeline file with the default stages and a budget no document can meet. */
function tinyBudget(): string {
  const p = join(dir, 'tiny.json');
  const d = JSON.parse(readFileSync(pipelinesPath('default.json'), 'utf8'));
  writeFileSync(p, JSON.stringify({ ...d, options: { ...d.options, documentMs: 1 } }));
  return p;
}
const article = '市政协召开常委会议，研究部署全年工作。全年共收到提案512件，立案486件。\n'.repeat(4000);

describe('budget', () => {
  it('in one thread, a document over its time budget is stopped between stages and stored failed with E034', () => {
    const path = join(dir, 'long.txt');
    writeFileSync(path, article);
    const [doc] = processFile(path, loadPipeline(tinyBudget()));
    expect(doc.failed).toMatch(/^\[E034\] long\.txt was stopped: it ran longer than 1 ms/u);
    expect(doc.flags.map((f) => f.ruleId)).toContain('budget.exceeded');
  });

  it('in the thread pool, a task over its budget is stopped inside the thread; every document is still returned, failed with E034', async () => {
    const inputs = [0, 1, 2].map((i) => {
      const p = join(dir, `pool${i}.txt`);
      writeFileSync(p, `${i}${article}`);
      return p;
    });
    const docs: { file: string; failed: string | null }[] = [];
    const r = await streamBatches({ inputs, pipeline: loadPipeline(tinyBudget()), workers: 2, write: async (batch) => { docs.push(...batch.map((d) => ({ file: d.source.file, failed: d.failed }))); } });
    expect(r.tally.documents).toBe(3);
    expect(docs.map((d) => d.file).sort()).toEqual(['pool0.txt', 'pool1.txt', 'pool2.txt']);
    for (const d of docs) expect(d.failed, d.file).toMatch(/^\[E034\]/u);
  });
});
