import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepLabelsWhole, LabelIndex } from '../../../src/segment/labels.js';
import { protectedSpans, segmentText, subwords } from '../../../src/segment/segment.js';
import { emptySegmentationScore, scoreSegmentation } from '../../../src/eval/segmentation.js';
import { gold, ROOT, seeds } from '../../helpers/docs.js';
import { tokensFrom } from '../../../src/model/tokens.js';

const words = (text: string) => segmentText(text).words(text);

describe('segment', () => {
  it.each(['1234', '3.08亿元', '36.31万元', '80%', '1+10', '1+1>2', '2023年'])('segment: %s comes out as one token', (s) => {
    expect(words(`委员企业新增${s}实施`)).toContain(s);
  });

  it('segment: numbers in Chinese numerals are not cut by jieba\'s number-and-word entries; short runs and unit-less lists are left to jieba', () => {
    const text = '增长了六千零五十一个百分点';
    const tokens = segmentText(text);
    const i = tokens.words(text).indexOf('六千零五十一');
    expect(i).toBeGreaterThan(0);
    expect(tokens.pos(i)).toBe('m');
    expect(words('为四十九兆九千五百九十二亿元')).toContain('四十九兆九千五百九十二亿元');
    expect(words('筹集资金一百多万元')).toContain('一百多万元');
    expect(words('百分之十万零六百五十一')).toContain('百分之十万零六百五十一');
    for (const [text, word] of [['这十分重要', '十分'], ['千万别忘了', '千万'], ['一点一滴做起', '一点一滴'], ['一二三四', '一二三四']]) {
      expect(words(text)).toContain(word);
    }
  });

  it('segment: quoted numbered labels and lexicon names stay whole', () => {
    expect(words('创新实施“四联两评双促双提”党建工作机制')).toContain('四联两评双促双提');
    expect(words('落实三会一课制度')).toContain('三会一课');
  });

  it('segment: a quoted slogan of clauses of equal length is one token; a quoted sentence is not', () => {
    expect(words('进入“融入履职抓党建，抓好党建促发展”良性循环')).toContain('融入履职抓党建，抓好党建促发展');
    expect(words('坚持“围绕中心、服务大局”')).toContain('围绕中心、服务大局');
    expect(words('他说“我们要继续努力，把工作做得更好”。')).not.toContain('我们要继续努力，把工作做得更好');
    expect(words('分为“一是、二是”两部分')).not.toContain('一是、二是');
  });

  it('segment: tokens are aligned to the text and cover it without overlap', () => {
    const text = '市政协党组书记、主席王炯强调，要通过“两个全覆盖”推进工作𠮷。';
    const toks = segmentText(text).spans();
    let pos = 0;
    for (const t of toks) {
      expect(t.start).toBeGreaterThanOrEqual(pos);
      pos = t.end;
    }
    expect(toks.map((t) => text.slice(t.start, t.end)).join('')).toBe(text.replace(/\s/gu, ''));
    expect(toks.every((t) => typeof t.attrs?.pos === 'string' && t.attrs.pos !== '')).toBe(true);
  });

  it('segment: sub-words give search recall inside long tokens, aligned', () => {
    const text = '中国农业发展银行';
    const tok = { start: 0, end: text.length, layer: 'text' as const, label: 'token', by: 't' };
    const subs = subwords(text, tok).map((s) => text.slice(s.start, s.end));
    expect(subs).toContain('农业');
  });

  it('segment: no token cuts through a gold mechanism name or metric number on the dev set', () => {
    const score = emptySegmentationScore();
    // One stream over the five documents, as `cppcc extract` and `cppcc eval` read them.
    for (const doc of seeds()) scoreSegmentation(score, gold(doc.source.file), { text: doc.text, tokens: doc.tokens, file: doc.source.file });
    expect(score.occurrences).toBeGreaterThan(100);
    expect(score.cut).toBe(0);
    // Issue 6 asks for 98% single tokens, counting the optional gold items too.
    expect(score.whole / score.occurrences).toBeGreaterThanOrEqual(0.98);
    expect(score.required.whole / score.required.occurrences).toBeGreaterThanOrEqual(0.98);
  });

  it('segment: the share counts a number only where it stands alone, and a cut only where a token crosses an edge', () => {
    const text = '2013年开展13次，共113人，“四个一”活动';
    const cuts = [[0, 5], [5, 7], [7, 9], [9, 10], [10, 11], [11, 12], [12, 15], [15, 16], [16, 17], [17, 18], [18, 20], [20, 22], [22, 24]];
    const tokens = tokensFrom(cuts.map((c) => c[0]), cuts.map((c) => c[1]), cuts.map(() => 'x'), 't');
    const score = emptySegmentationScore();
    scoreSegmentation(score, { mechanisms: [{ name: '四个一' }], metrics: [{ evidence: '开展13次', optional: true }] }, { text, tokens, file: 'x' });
    // 13 once (not inside 2013 or 113); 四个一 once, split by 四个 (inside it, no cut) and cut by 一”.
    expect(score.occurrences).toBe(2);
    expect(score.whole).toBe(1);
    expect(score.cut).toBe(1);
    expect(score.required).toEqual({ occurrences: 1, whole: 0, cut: 1 });
    expect(score.misses.map((m) => m.tokens)).toEqual([['四个', '一”']]);
  });
});

describe('segment: invariants (property)', () => {
  const piece = fc.constantFrom('政协', '委员', '推行', '“四个一”', '“1234”', '1+10', '联帮网格', '3.08亿元', '36.31万元', '80%', '2023年', '，', '。', ' ', '个', '11', '𠮷', 'ABC', '百分之八十', '1+1>2', '“围绕中心、服务大局”', '“百分之八十，百分之九十”');
  it('segment: tokens are ordered, never overlap, cover every non-space character and never cross a protected span', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const toks = segmentText(text).spans();
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
    const pos = Object.fromEntries(segmentText(text).spans().map((t) => [text.slice(t.start, t.end), t.attrs?.pos]));
    expect(pos['王炯']).toBe('x');
    expect(pos['11']).toBe('m');
    expect(pos['出席']).toBe('v');
  });
});

describe('segment: refine', () => {
  it('segment: a label one document defines stays one token in every other, read before or after it', async () => {
    const { loadPipeline } = await import('../../../src/pipeline/run.js');
    const { extractDocuments } = await import('../../../src/run/extract.js');
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-labels-'));
    writeFileSync(join(dir, 'a.txt'), '他们参加委员夜访，了解群众关心的事情。');
    writeFileSync(join(dir, 'b.txt'), '县政协开展“委员夜访”活动，效果良好。');
    writeFileSync(join(dir, 'c.txt'), '委员夜访结束后，委员们整理了意见。');
    const words: Record<string, string[]> = {};
    await extractDocuments([dir], loadPipeline(), { onDocument: (d) => { words[d.source.file] = d.tokens.words(d.text); } });
    for (const f of ['a.txt', 'b.txt', 'c.txt']) expect(words[f], f).toContain('委员夜访');
  });

  it('segment: a merged label is a name (nz) even when written in numerals; a protected number in Chinese numerals is m', () => {
    const text = '落实四四二工作法，增长了六千零五十一个百分点';
    const index = new LabelIndex();
    index.addAll(['四四二']);
    const merged = keepLabelsWhole(text, segmentText(text), index, 'test');
    const words = merged.words(text);
    expect(merged.pos(words.indexOf('四四二'))).toBe('nz');
    expect(merged.pos(words.indexOf('六千零五十一'))).toBe('m');
  });

  it('segment: stored tokens can be relabelled in a process that has not segmented anything (the run\'s writer thread)', () => {
    // A fresh process, because module state (compiled patterns, dictionaries) is what this is about.
    const script = `
      const { keepLabelsWhole, LabelIndex } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/src/segment/labels.js')).href)});
      const { tokensFrom } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/src/model/tokens.js')).href)});
      const text = '参加委员夜访活动';
      const index = new LabelIndex();
      index.addAll(['委员夜访']);
      const merged = keepLabelsWhole(text, tokensFrom([0, 2, 4, 6], [2, 4, 6, 8], ['v', 'n', 'v', 'n'], 'stored'), index, 'test');
      process.stdout.write(merged.words(text).join('|'));`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })).toBe('参加|委员夜访|活动');
  });
});
