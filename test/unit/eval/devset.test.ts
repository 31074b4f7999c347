import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../../../src/eval/score.js';
import { developmentSets, readGold } from '../../../src/eval/sets.js';
import { toPrediction } from '../../../src/output/prediction.js';
import { loadPipeline } from '../../../src/pipeline/run.js';
import { extractDocuments } from '../../../src/run/extract.js';
import { ROOT } from '../../helpers/docs.js';

/** The evaluation gate: scores on each development set may not fall below the floors pinned in baseline.json. */
const baseline = JSON.parse(readFileSync(join(ROOT, 'test', 'eval', 'baseline.json'), 'utf8')) as { epsilon: number; sets: Record<string, Record<string, number>> };

describe.each(developmentSets().map((s) => [s.name, s] as const))('eval %s', async (name, set) => {
  const golds = readGold(set.gold);
  // The path cppcc extract and cppcc run share: one input loop, the corpus's labels settled.
  const predictions: ReturnType<typeof toPrediction>[] = [];
  await extractDocuments([set.docs], loadPipeline(), { onDocument: (d) => { predictions.push(toPrediction(d)); } });
  const s = score(golds, predictions);

  it('every gold document is predicted', () => {
    expect(s.predicted).toBe(golds.length);
  });

  it('the set has floors', () => {
    expect(Object.keys(baseline.sets[name] ?? {}).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(baseline.sets[name] ?? {}))('%s stays at or above its floor %s', (key, floor) => {
    const [cat, detail] = key.split('.');
    const got = s.categories[cat] ? (detail ? s.categories[cat].detail[detail] : s.categories[cat].f1) : s.fields[key];
    expect(got, key).not.toBeNull();
    expect(got as number).toBeGreaterThanOrEqual(floor - baseline.epsilon);
  });
});
