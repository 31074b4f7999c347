import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectedSpans, segmentText, subwords } from '../../../src/segment/segment.js';
import { gold, seeds } from '../../helpers/docs.js';

const words = (text: string) => segmentText(text).map((t) => text.slice(t.start, t.end));

describe('segment', () => {
  it.each(['1234', '3.08亿元', '36.31万元', '80%', '1+10', '1+1>2', '2023年'])('segment: %s comes out as one token', (s) => {
    expect(words(`委员企业新增${s}实施`)).toContain(s);
  });

  it('segment: quoted numbered labels and lexicon names stay whole', () => {
    expect(words('创新实施“四联两评双促双提”党建工作机制')).toContain('四联两评双促双提');
    expect(words('落实三会一课制度')).toContain('三会一课');
  });

  it('segment: tokens are aligned to the text and cover it without overlap', () => {
    const text = '市政协党组书记、主席王炯强调，要通过“两个全覆盖”推进工作𠮷。';
    const toks = segmentText(text);
    let pos = 0;
    for (const t of toks) {
      expect(t.start).toBeGreaterThanOrEqual(pos);
      pos = t.end;
    }
    expect(toks.map((t) => text.slice(t.start, t.end)).join('')).toBe(text.replace(/\s/gu, ''));
    expect(toks.every((t) => typeof t.attrs.pos === 'string')).toBe(true);
  });

  it('segment: sub-words give search recall inside long tokens, aligned', () => {
    const text = '中国农业发展银行';
    const tok = { start: 0, end: text.length, layer: 'text' as const, label: 'token', by: 't' };
    const subs = subwords(text, tok).map((s) => text.slice(s.start, s.end));
    expect(subs).toContain('农业');
  });

  it('segment: no token cuts through a gold mechanism name or metric number on the dev set', () => {
    let occurrences = 0, whole = 0, cut = 0;
    // One stream over the five documents, as `cppcc extract` reads them (labels found earlier stay whole later).
    for (const doc of seeds()) {
      const g = gold(doc.source.file);
      const needles = [...g.mechanisms.map((m: { name: string }) => m.name), ...g.metrics.map((m: { evidence: string }) => /\d+(?:\.\d+)?/u.exec(m.evidence)?.[0]).filter(Boolean)];
      for (const n of new Set<string>(needles)) {
        for (let i = doc.text.indexOf(n); i >= 0; i = doc.text.indexOf(n, i + 1)) {
          occurrences++;
          const end = i + n.length;
          if (doc.tokens.some((t) => t.start <= i && t.end >= end)) whole++;
          if (doc.tokens.some((t) => (t.start < i && t.end > i && t.end < end) || (t.start > i && t.start < end && t.end > end))) cut++;
        }
      }
    }
    expect(occurrences).toBeGreaterThan(50);
    // No token ever crosses a boundary; one token covers the whole name in 95% of occurrences (the rest
    // are optional gold labels the extractor does not list; issue 6 aims at 98%).
    expect(cut).toBe(0);
    expect(whole / occurrences).toBeGreaterThanOrEqual(0.95);
  });
});

describe('segment: invariants (property)', () => {
  const piece = fc.constantFrom('政协', '委员', '推行', '“四个一”', '“1234”', '1+10', '联帮网格', '3.08亿元', '36.31万元', '80%', '2023年', '，', '。', ' ', '个', '11', '𠮷', 'ABC', '百分之八十', '1+1>2');
  it('segment: tokens are ordered, never overlap, cover every non-space character and never cross a protected span', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const toks = segmentText(text);
      let pos = 0;
      for (const t of toks) {
        expect(t.start).toBeGreaterThanOrEqual(pos);
        expect(t.end).toBeGreaterThan(t.start);
        expect(text.slice(pos, t.start).trim()).toBe('');
        pos = t.end;
      }
      expect(text.slice(pos).trim()).toBe('');
      for (const [s, e] of protectedSpans(text)) {
        expect(toks.some((t) => t.start === s && t.end === e), `${text.slice(s, e)} in ${text}`).toBe(true);
      }
    }), { numRuns: 300, seed: 6 });
  });

  it('segment: parts of speech follow jieba (names unknown to the dictionary are x, numbers m)', () => {
    const text = '市政协主席王炯出席，共11个。';
    const pos = Object.fromEntries(segmentText(text).map((t) => [text.slice(t.start, t.end), t.attrs.pos]));
    expect(pos['王炯']).toBe('x');
    expect(pos['11']).toBe('m');
    expect(pos['出席']).toBe('v');
  });
});

describe('segment: refine', () => {
  it('segment: a label discovered in one document stays one token in a later one', async () => {
    const { loadPipeline, runDocument } = await import('../../../src/pipeline/run.js');
    const { docFromText } = await import('../../../src/model/document.js');
    const pipeline = loadPipeline();
    const textStages = { ...pipeline, stages: pipeline.stages.filter((s) => !s.id.startsWith('mainText')) };
    runDocument(docFromText('县政协开展“委员夜访”活动，效果良好。'), textStages);
    const later = runDocument(docFromText('他们参加委员夜访，了解情况。'), textStages);
    expect(later.tokens.map((t) => later.text.slice(t.start, t.end))).toContain('委员夜访');
  });
});
