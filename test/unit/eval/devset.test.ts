import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../../../src/eval/score.js';
import { toPrediction } from '../../../src/output/prediction.js';
import { GOLD, ROOT, seeds } from '../../helpers/docs.js';

/** The evaluation gate: scores on the dev set may not fall below the floors pinned in baseline.json. */
const baseline = JSON.parse(readFileSync(join(ROOT, 'test', 'eval', 'baseline.json'), 'utf8')) as { epsilon: number; floors: Record<string, number> };

describe('eval', () => {
  const golds = readdirSync(GOLD).sort().map((f) => JSON.parse(readFileSync(join(GOLD, f), 'utf8')));
  const s = score(golds, seeds().map(toPrediction));

  it('eval: all five documents are scored and every category has F1 > 0', () => {
    expect(s.predicted).toBe(5);
    for (const [cat, c] of Object.entries(s.categories)) expect(c.f1, cat).toBeGreaterThan(0);
  });

  it.each(Object.entries(baseline.floors))('eval: %s stays at or above its floor %s', (key, floor) => {
    const [cat, detail] = key.split('.');
    const got = s.categories[cat] ? (detail ? s.categories[cat].detail[detail] : s.categories[cat].f1) : s.fields[key];
    expect(got, key).not.toBeNull();
    expect(got as number).toBeGreaterThanOrEqual(floor - baseline.epsilon);
  });
});
