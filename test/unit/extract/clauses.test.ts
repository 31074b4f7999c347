import { describe, expect, it } from 'vitest';
import { clauseEnd, clauseStart, clausesIn } from '../../../src/extract/clauses.js';

describe('clauses', () => {
  it('split on ，；： and end punctuation', () => {
    const s = '一年来，共收到提案424件；立案320件。';
    expect(clausesIn(s, 0, s.length).map(([a, b]) => s.slice(a, b))).toEqual(['一年来', '共收到提案424件', '立案320件']);
  });

  it('a gloss in brackets stays inside its clause, an aside ends it', () => {
    const s = '共建设委员工作室(站)近3000个（记者 张三）五年来';
    expect(clauseStart(s, s.indexOf('近'), 0)).toBe(0);
    expect(clauseStart(s, s.indexOf('五'), 0)).toBe(s.indexOf('五'));
  });

  it('items also end at 、', () => {
    const s = '建立11个联络室、9个联络组';
    expect(clauseStart(s, s.indexOf('9'), 0, true)).toBe(s.indexOf('9'));
    expect(clauseStart(s, s.indexOf('9'), 0)).toBe(0);
    expect(clauseEnd(s, 0, s.length, true)).toBe(s.indexOf('、'));
  });
});
