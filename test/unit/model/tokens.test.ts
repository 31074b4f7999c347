import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromColumns, labelId, TokenBuilder, tokensFrom, toColumns } from '../../../src/model/tokens.js';

/** Ordered, disjoint tokens over [0, 60) with gaps, as [start, end) pairs. */
const layout = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 4 })), { maxLength: 20 }).map((steps) => {
  const out: [number, number][] = [];
  let pos = 0;
  for (const [gap, len] of steps) {
    out.push([pos + gap, pos + gap + len]);
    pos += gap + len;
  }
  return out;
});

describe('model: token columns', () => {
  it('model: lookups by offset agree with a scan of the tokens (property)', () => {
    fc.assert(fc.property(layout, fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 10 }), (pairs, offset, width) => {
      const t = tokensFrom(pairs.map((p) => p[0]), pairs.map((p) => p[1]), pairs.map(() => 'n'), 'test');
      expect(t.startingAt(offset)).toBe(pairs.findIndex(([s]) => s === offset));
      expect(t.endingAt(offset)).toBe(pairs.findIndex(([, e]) => e === offset));
      expect(t.covering(offset)).toBe(pairs.findIndex(([s, e]) => s < offset && offset < e));
      const [from, to] = t.overlapping(offset, offset + width);
      const expected = pairs.map((p, i) => [p, i] as const).filter(([[s, e]]) => s < offset + width && e > offset).map(([, i]) => i);
      expect(Array.from({ length: to - from }, (_, k) => from + k)).toEqual(expected);
    }), { numRuns: 300, seed: 11 });
  });

  it('model: the builder keeps every token it is given, past its first guess at the count', () => {
    const b = new TokenBuilder(1);
    for (let i = 0; i < 100; i++) b.push(2 * i, 2 * i + 1, labelId(i % 2 ? 'n' : 'v'), labelId('test'));
    const t = b.finish();
    expect(t.length).toBe(100);
    expect(t.start(99)).toBe(198);
    expect(t.pos(98)).toBe('v');
    expect(t.by(0)).toBe('test');
    expect(t.span(1)).toEqual({ start: 2, end: 3, layer: 'text', label: 'token', by: 'test', attrs: { pos: 'n' } });
  });

  it('model: tokens out of order, overlapping or empty are refused, since lookups depend on order', () => {
    const b = new TokenBuilder(4);
    b.push(0, 2, 0, 0);
    expect(() => b.push(1, 3, 0, 0)).toThrow(/out of order/u);
    expect(() => b.push(3, 3, 0, 0)).toThrow(/empty/u);
  });

  it('model: tokens sent as columns come back with the same tags under another label table', () => {
    const t = tokensFrom([0, 2], [2, 3], ['nz', 'x'], ['segment.jieba@1', 'segment.protected@1']);
    const sent = toColumns(t);
    // Another process numbers its labels differently: shift every id of the sender's table.
    const foreign = { ...sent, labels: ['padding', ...sent.labels], posIds: sent.posIds.map((i) => i + 1), byIds: sent.byIds.map((i) => i + 1) };
    const back = fromColumns(foreign);
    expect(back.sameAs(t)).toBe(true);
    expect([back.pos(0), back.pos(1), back.by(1)]).toEqual(['nz', 'x', 'segment.protected@1']);
  });
});
