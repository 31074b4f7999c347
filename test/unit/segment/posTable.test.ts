import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PosTable } from '../../../src/segment/posTable.js';

describe('segment: part-of-speech table', () => {
  it('segment: the table answers as a Map would, for words added, overwritten and never added (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('政', '协', '委', '员', '党', '建', 'a', '1', '𠮷'), minLength: 1, maxLength: 6 });
    fc.assert(fc.property(fc.array(fc.tuple(word, fc.constantFrom('n', 'v', 'nz', 'x', 'm')), { maxLength: 200 }), fc.array(word, { maxLength: 50 }), (pairs, probes) => {
      const table = new PosTable(pairs.length);
      const map = new Map<string, string>();
      for (const [w, t] of pairs) { table.set(w, t); map.set(w, t); }
      for (const w of [...map.keys(), ...probes]) expect(table.get(w)).toBe(map.get(w));
    }), { numRuns: 200, seed: 61 });
  });

  it('segment: a table given more words than it was sized for says so instead of looping', () => {
    const table = new PosTable(1);
    expect(() => { for (let i = 0; i < 2000; i++) table.set(`词${i}`, 'n'); }).toThrow(/sized for/u);
  });
});
