import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditBuilder, OffsetMap } from '../../../src/model/offsetMap.js';
import { docFromText } from '../../../src/model/document.js';
import { normalizeStage } from '../../../src/normalize/normalize.js';

describe('offsetMap', () => {
  it('offsetMap: keep is 1:1, a deletion maps its end past the deleted source', () => {
    const b = new EditBuilder('協(xié)商');
    b.keep(0, 1);
    b.replace(1, 6, '');
    b.keep(6, 7);
    const { text, map } = b.finish();
    expect(text).toBe('協商');
    expect(map.map(0)).toBe(0);
    expect(map.map(1)).toBe(6);
    expect(map.mapRange(0, 1)).toEqual([0, 1]);
    expect(map.mapRange(0, 2)).toEqual([0, 7]);
  });

  it('offsetMap: a length-changing replacement maps as a block, exact at its edges', () => {
    const b = new EditBuilder('abXYZcd');
    b.keep(0, 2);
    b.replace(2, 5, 'Q');
    b.keep(5, 7);
    const { text, map } = b.finish();
    expect(text).toBe('abQcd');
    expect(map.mapRange(2, 3)).toEqual([2, 5]);
    expect(map.mapRange(3, 5)).toEqual([5, 7]);
  });

  it('offsetMap: composition maps through both layers', () => {
    const inner = OffsetMap.fromPoints([0, 2, 3, 4]);
    const outer = OffsetMap.fromPoints([0, 1, 3]);
    expect(outer.then(inner).toArray()).toEqual([0, 2, 4]);
    expect(outer.then(inner).mapRange(0, 1)).toEqual([0, 2]);
  });

  it('offsetMap: out-of-range offsets throw', () => {
    expect(() => OffsetMap.identity(3).map(4)).toThrow(RangeError);
  });

  // Pieces a real page mixes: Traditional, Simplified, ASCII, astral characters, pinyin glosses, doubled punctuation.
  const piece = fc.constantFrom('協(xié)', '區(qū)', '政協', '政协', '黨組', 'ABC', '123', '𠮷', '𡘙', '，，', ',;', '。', '乾隆', '著名', '(Nature)', '（略）', '\n', ' ', '國家', '发展');

  it('normalize: the offset map is monotone and total, and every kept character maps to its source (property)', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const original = parts.join('');
      const doc = docFromText(original);
      normalizeStage.run(doc, { options: {} });
      const pts = doc.textToOriginal.toArray();
      expect(pts.length).toBe(doc.text.length + 1);
      const ends = doc.textToOriginal.endsArray();
      expect(pts[pts.length - 1]).toBe(original.length);
      for (let i = 1; i < pts.length; i++) expect(pts[i]).toBeGreaterThanOrEqual(pts[i - 1]);
      for (let i = 0; i < ends.length; i++) {
        expect(ends[i]).toBeGreaterThan(pts[i]);
        if (i > 0) expect(ends[i]).toBeGreaterThanOrEqual(ends[i - 1]);
      }
      // A text character that maps to a one-character source slice came from that slice (same or converted).
      for (let i = 0; i < doc.text.length; i++) {
        const [s, e] = doc.textToOriginal.mapRange(i, i + 1);
        expect(e).toBeGreaterThan(s);
        if (e - s === 1 && /[A-Za-z0-9\n 𠮷𡘙]/u.test(doc.text[i])) expect(original[s]).toBe(doc.text[i]);
      }
    }), { numRuns: 200, seed: 20261123 });
  });
});
