import { describe, expect, it } from 'vitest';
import { extractHtml, pickTitle, stripSiteSuffix } from '../../../src/ingest/html.js';
import { parseProfile, SiteProfiles } from '../../../src/sites/profiles.js';
import { decodeBytes } from '../../../src/util/decode.js';
import iconv from 'iconv-lite';

const para = (n: number) => Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：市政协围绕中心、服务大局，组织委员深入调研，提出了一批有分量的意见建议，推动相关工作落地见效。</p>`).join('');

describe('html main text', () => {
  it('html: title is the headline the <title> contains, without the site suffix', () => {
    expect(pickTitle('县政协推行“四个一”_要闻_某政协网', ['某政协网', '县政协推行“四个一”'])).toBe('县政协推行“四个一”');
    expect(pickTitle('有英雄的城！-新华网', [])).toBe('有英雄的城！');
    expect(stripSiteSuffix('2021-2025年规划纲要')).toBe('2021-2025年规划纲要');
  });

  it('html: dates from JSON-LD and <time>, any year', () => {
    const ld = extractHtml(`<html><head><title>某文</title><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"1988-03-05T08:00:00+08:00"}</script></head><body>${para(8)}</body></html>`);
    expect(ld.meta.date).toBe('1988-03-05');
    const time = extractHtml(`<html><body><h1>某文</h1><time datetime="2020-01-02">1月2日</time>${para(8)}</body></html>`);
    expect(time.meta.date).toBe('2020-01-02');
  });

  it('html: a long article goes to Readability, a short notice to the density step; the step is recorded', () => {
    const long = extractHtml(`<html><body><div class="nav"><a href="/">首页</a></div><div class="TRS_Editor">${para(12)}</div><div class="footer">版权所有</div></body></html>`);
    expect(long.step).toBe('readability');
    expect(long.pageText).toContain('第12段');
    expect(long.pageText).not.toContain('版权所有');
    const short = extractHtml('<html><body><div class="nav"><a href="/">首页</a><a href="/x">要闻</a></div><div class="content"><p>关于召开常委会议的通知：定于3月5日召开。</p></div><div class="share">分享到</div></body></html>');
    expect(short.step).toBe('density');
    expect(short.pageText).toContain('定于3月5日召开');
    expect(short.pageText).not.toMatch(/分享到|首页/);
  });

  it('html: a site profile body selector wins and names itself in the trace', () => {
    const profiles = new SiteProfiles([parseProfile({ name: 'generic' }, 'g'), parseProfile({ name: 'city', hosts: ['zx.example.cn'], article: { body: '#zoom', date: '.time', remove: ['.bdshare'] } }, 'c')]);
    const html = `<html><body><div class="time">2019年01月18日</div><div id="zoom"><p>委员们表示，将进一步提升履职能力，为地方发展贡献力量。</p><div class="bdshare">分享到微信</div></div><div class="recommend">${para(8)}</div></body></html>`;
    const r = extractHtml(html, { url: 'http://zx.example.cn/a/t1.html', profiles });
    expect(r.how).toBe('profile:city');
    expect(r.meta.date).toBe('2019-01-18');
    expect(r.pageText).toContain('委员们表示');
    expect(r.pageText).not.toMatch(/分享到|第1段/);
  });

  it('html: bytes that fit neither the declared charset nor UTF-8 give a warning, not silent mojibake', () => {
    const big5 = iconv.encode('<html><head><meta charset="gb2312"></head><body><p>人民政協會議，委員們發言熱烈，提出建議。</p></body></html>', 'big5');
    const d = decodeBytes(big5);
    expect(d.warning).toMatch(/declared gb18030 but the bytes are big5/);
    expect(d.text).toContain('人民政協會議');
  });
});
