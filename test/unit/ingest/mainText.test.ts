import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../../src/ingest/html.js';
import { parseByline } from '../../../src/ingest/credits.js';
import { mainTextFromLines } from '../../../src/ingest/lines.js';
import { findDate } from '../../../src/ingest/dates.js';
import { gold, seeds } from '../../helpers/docs.js';

describe('mainText', () => {
  const docs = seeds();
  it.each(docs.map((d) => [d.source.file, d] as const))('mainText: %s meta equals the gold', (file, doc) => {
    const g = gold(file).meta;
    for (const k of ['title', 'subtitle', 'date', 'source', 'authors', 'editors', 'doc_type'] as const) expect(doc.meta[k], k).toEqual(g[k]);
  });

  it.each(docs.map((d) => [d.source.file, d] as const))('mainText: %s body starts and ends where the gold says, without furniture', (file, doc) => {
    const b = gold(file).body;
    expect(doc.original.slice(0, 400)).toContain(b.starts_with);
    expect(doc.original.slice(-400)).toContain(b.ends_with);
    for (const f of b.boilerplate) expect(doc.original).not.toContain(f);
  });

  it('mainText: bylines name authors after role words', () => {
    expect(parseByline('(重庆日报记者 戴娟 实习生 徐闻禧')).toMatchObject({ names: ['戴娟', '徐闻禧'], publication: '重庆日报' });
    expect(parseByline('[责任编辑: 谢天]').editors).toEqual(['谢天']);
  });

  it('mainText: dates in Chinese and ISO forms, any year, invalid ones rejected', () => {
    expect(findDate('1988年3月5日')?.iso).toBe('1988-03-05');
    expect(findDate('2021-02-03 09:05')?.iso).toBe('2021-02-03');
    expect(findDate('2023年2月30日')).toBeNull();
  });

  it('mainText: a salutation starts a speech body', () => {
    const r = mainTextFromLines('某某网 首页\n在全县政协工作会议上的讲话\n2020-01-02 某某网\n同志们：\n今天我们召开会议，主要任务是总结工作、部署任务。\n');
    expect(r.body.startsWith('同志们：')).toBe(true);
    expect(r.meta).toMatchObject({ title: '在全县政协工作会议上的讲话', date: '2020-01-02', doc_type: 'speech' });
  });

  it('mainText: HTML furniture (nav, share bar, footer) stays out of the article', () => {
    const html = `<html><head><title>县政协推行“四个一”_要闻_某政协网</title></head><body>
      <div class="nav"><a href="/">首页</a><a href="/a">要闻</a></div>
      <div class="TRS_Editor"><p>近年来，县政协创新实施“四个一”指导活动，全力推进党建与履职深度融合。</p><p>委员们表示，将进一步提升履职能力，为地方发展贡献力量。</p></div>
      <div class="share">分享到：微信 微博</div><div class="footer">版权所有 某政协网</div></body></html>`;
    const h = extractHtml(html);
    expect(h.pageText).toContain('创新实施“四个一”指导活动');
    expect(h.pageText).not.toMatch(/分享到|版权所有|首页/);
    expect(h.meta.title).toBe('县政协推行“四个一”');
  });
});
