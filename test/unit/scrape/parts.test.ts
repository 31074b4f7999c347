import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrapeConfig } from '../../../src/scrape/config.js';
import { listLinks } from '../../../src/scrape/links.js';
import { Manifest } from '../../../src/sites/manifest.js';
import { backoffMs, retryAfterMs, retryableStatus } from '../../../src/scrape/retry.js';
import { pathForUrl } from '../../../src/scrape/storage.js';
import { loadProfilesFrom, parseProfile, SiteProfiles, siteProfiles } from '../../../src/sites/profiles.js';

describe('scrape parts', () => {
  it('retry: Retry-After in seconds and as an HTTP date; unreadable values ignored', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });

  it('retry: network-ish statuses are retried, other 4xx are not', () => {
    expect([408, 429, 500, 502, 503, 504].every(retryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410].some(retryableStatus)).toBe(false);
  });

  it('retry: backoff grows exponentially under its cap and is jittered', () => {
    const p = { backoffBaseMs: 100, backoffMaxMs: 1000 };
    expect(backoffMs(1, p, () => 1)).toBe(100);
    expect(backoffMs(3, p, () => 1)).toBe(400);
    expect(backoffMs(10, p, () => 1)).toBe(1000);
    expect(backoffMs(3, p, () => 0.5)).toBe(200);
  });

  it('config: a bad setting names its key', () => {
    expect(() => scrapeConfig({ concurrency: 0 })).toThrow(/E015.*scrape\.concurrency/);
    expect(scrapeConfig().delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('profiles: a bad site profile gets an error naming the key', () => {
    expect(() => parseProfile({ name: 'x', list: { articleUrl: ['('] } }, 'x.json')).toThrow(/E020.*x\.json.*"list\.articleUrl\.0"/);
    expect(() => parseProfile({ name: 'x', article: { bodyy: '.a' } }, 'x.json')).toThrow(/E020.*"article"/);
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-sites-'));
    writeFileSync(join(dir, 'generic.json'), JSON.stringify({ name: 'generic' }));
    writeFileSync(join(dir, 'city.json'), JSON.stringify({ name: 'town' }));
    expect(() => loadProfilesFrom(dir)).toThrow(/E020.*"name".*differs from the file name/);
  });

  it('profiles: the bundled profiles validate, and a profile is matched by host (subdomains with a leading dot)', () => {
    expect(() => SiteProfiles.load()).not.toThrow();
    const p = new SiteProfiles([parseProfile({ name: 'generic' }, 'g'), parseProfile({ name: 'city', hosts: ['.zx.example.cn'], article: { body: '#zoom' } }, 'c')]);
    expect(p.forUrl('http://www.zx.example.cn/a/t20200101_1.html').name).toBe('city');
    expect(p.forUrl('http://zx.example.cn/').name).toBe('city');
    expect(p.forUrl('http://example.cn/').name).toBe('generic');
    expect(() => p.forUrl('http://x/', 'nope')).toThrow(/E015.*--site.*generic, city/);
  });

  it('links: article links by CMS URL shape, pagination by link text, other hosts ignored', () => {
    const html = `<a href="t20200101_1.html">一</a><a href="/a/content_22.htm">二</a><a href="http://other.cn/t20200101_3.html">外</a>
      <a href="/about.html">关于</a><a href="index_1.html">下一页</a><a href="index.html">首页</a>`;
    const r = listLinks(html, 'http://zx.example.cn/zxyw/index.html', siteProfiles().generic);
    expect(r.articles).toEqual(['http://zx.example.cn/zxyw/t20200101_1.html', 'http://zx.example.cn/a/content_22.htm']);
    expect(r.next).toEqual(['http://zx.example.cn/zxyw/index_1.html']);
    const bare = listLinks('<a href="index_2.html">2</a>', 'http://zx.example.cn/zxyw/index_1.html', siteProfiles().generic);
    expect(bare.next).toEqual(['http://zx.example.cn/zxyw/index_2.html']);
  });

  it('storage: a page path is a function of its URL; lists and robots are hidden from `cppcc run`', () => {
    const a = pathForUrl('http://zx.example.cn/zxyw/t20200101_1.html', 'article');
    expect(a).toBe(pathForUrl('http://zx.example.cn/zxyw/t20200101_1.html', 'article'));
    expect(a).toMatch(/^zx\.example\.cn\/zxyw_t20200101_1-[0-9a-f]{10}\.html$/);
    expect(pathForUrl('http://zx.example.cn/zxyw/index.html', 'list')).toMatch(/^\.lists\//);
  });

  it('manifest: a line cut by a kill is reported and skipped, and the next append starts a fresh line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-manifest-'));
    writeFileSync(join(dir, '.manifest.jsonl'), '{"url":"http://a/1","outcome":"stored","path":"a/1.html"}\n{"url":"http://a/2","outc');
    const m = new Manifest(dir);
    expect(m.warnings[0]).toMatch(/E022.*line 2/);
    expect(m.latest('http://a/1')?.outcome).toBe('stored');
    m.append({ url: 'http://a/3', kind: 'article', outcome: 'failed' } as never);
    expect(new Manifest(dir).latest('http://a/3')?.outcome).toBe('failed');
  });
});
