import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeConfig, type ScrapeConfig } from '../../../src/scrape/config.js';
import { Crawler, type CrawlReport } from '../../../src/scrape/crawl.js';
import { readManifestLines, type FetchRecord } from '../../../src/sites/manifest.js';
import { siteProfiles } from '../../../src/sites/profiles.js';
import { loadPipeline } from '../../../src/pipeline/run.js';
import { convertString } from '../../../src/normalize/script.js';
import { processFile, ROOT } from '../../helpers/docs.js';
import { FixtureSite } from '../../helpers/fixtureSite.js';

const DELAY_MS = 120;
const TIMEOUT_MS = 400;
const RETRY_AFTER_S = 1;

/** Settings for the loopback site: short delays so the suite stays fast, the same rules as a real crawl. */
function testConfig(over: Partial<ScrapeConfig> = {}): ScrapeConfig {
  return scrapeConfig({ delayMs: DELAY_MS, timeoutMs: TIMEOUT_MS, maxAttempts: 3, backoffBaseMs: 50, backoffMaxMs: 200, maxBodyBytes: 1_000_000, ...over });
}

async function crawl(site: FixtureSite, rawDir: string, over: Partial<ScrapeConfig> = {}, refresh = false): Promise<CrawlReport> {
  const c = new Crawler({ rawDir, config: testConfig(over), profiles: siteProfiles(), refresh }, 100);
  return c.crawl([`${site.base}/zxyw/index.html`]);
}

const tmp = () => mkdtempSync(join(tmpdir(), 'cppcc-scrape-'));
const byUrl = (rs: FetchRecord[], path: string) => rs.filter((r) => new URL(r.url).pathname === path);

describe('scrape: one crawl of the fixture site', () => {
  const site = new FixtureSite({ slowMs: 1500, retryAfter: RETRY_AFTER_S });
  let raw: string;
  let report: CrawlReport;
  let manifest: FetchRecord[];
  let firstRunRequests: number;

  beforeAll(async () => {
    await site.start();
    raw = tmp();
    report = await crawl(site, raw);
    manifest = readManifestLines(raw);
    firstRunRequests = site.log.length;
  }, 60_000);
  afterAll(async () => {
    await site.stop();
    rmSync(raw, { recursive: true, force: true });
  });

  it('scrape: robots.txt is obeyed: the disallowed path is never requested and its refusal is recorded', () => {
    expect(site.requests('/private/t20190118_9.html')).toHaveLength(0);
    expect(byUrl(manifest, '/private/t20190118_9.html')[0]).toMatchObject({ outcome: 'disallowed' });
    expect(site.requests('/robots.txt')).toHaveLength(1);
  });

  it('scrape: every request names the tool and the contact URL from the config in its User-Agent', () => {
    const contact = testConfig().contactUrl;
    for (const l of site.log) expect(l.headers['user-agent']).toMatch(new RegExp(`^cppcc-pipeline/.*${contact.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('scrape: requests to one host are spaced by at least the delay (server-side arrival times)', () => {
    const times = site.log.slice(0, firstRunRequests).map((l) => l.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(DELAY_MS - 2);
  });

  it('scrape: follows pagination and every article link of both list pages', () => {
    expect(site.requests('/zxyw/index_1.html')).toHaveLength(1);
    for (const a of site.articles) expect(manifest.some((r) => r.outcome === 'stored' && (r.final_url ?? r.url).endsWith(a.path)), a.path).toBe(true);
  });

  it('scrape: 429 is retried after its Retry-After, 503 is retried, both end stored', () => {
    const r429 = site.requests('/zxyw/t20190119_4.html');
    expect(r429.map((r) => r.status)).toEqual([429, 200]);
    expect(r429[1].at - r429[0].at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 5);
    expect(site.requests('/zxyw/t20190119_5.html').map((r) => r.status)).toEqual([503, 200]);
    expect(byUrl(manifest, '/zxyw/t20190119_4.html')[0]).toMatchObject({ outcome: 'stored', attempts: 2 });
  });

  it('scrape: a response slower than the timeout is retried a bounded number of times, then recorded as failed', () => {
    expect(site.requests('/zxyw/t20190119_7.html')).toHaveLength(3);
    expect(byUrl(manifest, '/zxyw/t20190119_7.html')[0]).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect(byUrl(manifest, '/zxyw/t20190119_7.html')[0].reason).toMatch(/timeout/);
  });

  it('scrape: an oversize body is not stored and not retried; a PDF is skipped with its reason', () => {
    expect(site.requests('/zxyw/t20190119_8.html')).toHaveLength(1);
    expect(byUrl(manifest, '/zxyw/t20190119_8.html')[0]).toMatchObject({ outcome: 'failed', path: null });
    expect(byUrl(manifest, '/zxyw/t20190119_8.html')[0].reason).toMatch(/too-large/);
    expect(byUrl(manifest, '/zxyw/t20190119_10.html')[0]).toMatchObject({ outcome: 'skipped', reason: 'content type application/pdf is not HTML' });
  });

  it('scrape: a redirect is followed and the final URL recorded', () => {
    expect(byUrl(manifest, '/zxyw/t20190119_6.html')[0]).toMatchObject({ outcome: 'stored', final_url: `${site.base}/zxyw/t20190119_6b.html` });
  });

  it('scrape: GBK and Big5 pages decode by their charset; a header-only charset is used', () => {
    expect(byUrl(manifest, '/zxyw/t20190118_2.html')[0]).toMatchObject({ charset: 'gb18030', charset_warning: null });
    expect(byUrl(manifest, '/zxyw/t20190118_3.html')[0]).toMatchObject({ charset: 'big5', charset_warning: null });
    expect(byUrl(manifest, '/zxyw/t20190119_5.html')[0]).toMatchObject({ charset: 'gb18030', charset_by: 'header' });
  });

  it('scrape: main text of every fixture article equals its text exactly, with title, date, source and author', () => {
    const pipeline = loadPipeline();
    const stored = manifest.filter((r) => r.outcome === 'stored' && r.kind === 'article');
    expect(stored.length).toBe(site.articles.length);
    for (const r of stored) {
      const a = site.article(new URL(r.final_url!).pathname);
      const [doc] = processFile(join(raw, r.path!), pipeline);
      expect(doc.original, a.path).toBe(a.paragraphs.join('\n'));
      // Metadata is Simplified whatever the page's script (as in the gold annotations).
      const simplified = (x: string) => convertString(x, 'tw');
      expect(doc.meta, a.path).toMatchObject({ title: simplified(a.title), date: a.date, source: simplified(a.source), authors: [a.author], editors: ['徐影'], url: r.url });
      expect(doc.flags.filter((f) => f.ruleId === 'encoding.mismatch')).toEqual([]);
    }
  });

  it('scrape: within the TTL a second crawl makes no request at all', async () => {
    const before = site.log.length;
    const r = await crawl(site, raw);
    expect(site.log.length).toBe(before);
    expect(r).toMatchObject({ requests: 0, stored: 0 });
  });

  it('scrape: after the TTL (--refresh) every stored page is revalidated with a conditional request and kept on 304', async () => {
    const before = site.log.length;
    const files = readdirSync(raw, { recursive: true }).length;
    const r = await crawl(site, raw, {}, true);
    const storedPaths = new Set(manifest.filter((x) => x.path).map((x) => new URL(x.url).pathname));
    const again = site.log.slice(before).filter((l) => storedPaths.has(l.path));
    expect(again.length).toBeGreaterThan(0);
    for (const l of again) expect(l.headers['if-none-match'], l.path).toBeTruthy();
    expect(r.stored).toBe(0);
    expect(r.notModified).toBe(again.length);
    expect(readdirSync(raw, { recursive: true }).length).toBe(files);
  }, 60_000);
});

describe('scrape: politeness settings', () => {
  it('scrape: robots.txt Crawl-delay raises the per-host delay', async () => {
    const site = new FixtureSite({ crawlDelay: 0.4 });
    await site.start();
    const raw = tmp();
    try {
      const c = new Crawler({ rawDir: raw, config: testConfig({ delayMs: 50 }), profiles: siteProfiles() }, 4);
      await c.crawl([`${site.base}/zxyw/index.html`]);
      const times = site.log.map((l) => l.at);
      expect(times.length).toBeGreaterThanOrEqual(3);
      for (let i = 2; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(398);
    } finally {
      await site.stop();
      rmSync(raw, { recursive: true, force: true });
    }
  }, 30_000);

  it('scrape: only http and https URLs are accepted, with a coded error', async () => {
    const c = new Crawler({ rawDir: tmp(), config: testConfig(), profiles: siteProfiles() }, 1);
    await expect(c.crawl(['file:///etc/passwd'])).rejects.toThrow(/E021.*http and https/);
  });
});

/** The CLI as a child process, so it can be killed like a real crawl. */
function scrapeCli(args: string[]) {
  return spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'scrape', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('scrape: resumption', () => {
  it('scrape: a crawl killed mid-way and restarted ends with the same pages as an uninterrupted one, none stored twice', async () => {
    const site = new FixtureSite({ slowMs: 1000, retryAfter: 1 });
    await site.start();
    const whole = tmp();
    const killed = tmp();
    const args = (dir: string) => [`${site.base}/zxyw/index.html`, '--raw', dir, '--delay-ms', '60', '--timeout-ms', '300', '--quiet'];
    const exit = (p: import('node:child_process').ChildProcess) => new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
    try {
      expect(await exit(scrapeCli(args(whole)))).toBe(0);
      // Kill -9 once the crawl has stored a few articles: no chance to clean up.
      const p = scrapeCli(args(killed));
      await new Promise<void>((resolve) => {
        const t = setInterval(() => {
          if (readManifestLines(killed).filter((r) => r.kind === 'article' && r.outcome === 'stored').length >= 2) { clearInterval(t); p.kill('SIGKILL'); resolve(); }
        }, 10);
      });
      await exit(p);
      const partial = readManifestLines(killed).filter((r) => r.outcome === 'stored' && r.kind === 'article').length;
      expect(partial).toBeLessThan(site.articles.length);
      expect(await exit(scrapeCli(args(killed)))).toBe(0);

      const summary = (dir: string) => {
        const lines = readManifestLines(dir).filter((r) => r.kind === 'article');
        const stored = lines.filter((r) => r.outcome === 'stored');
        return { stored: stored.map((r) => `${r.url} ${r.sha256} ${r.path}`).sort(), outcomes: [...new Set(lines.map((r) => `${r.url} ${r.outcome}`))].sort(), storedUrls: stored.map((r) => r.url) };
      };
      const a = summary(whole);
      const b = summary(killed);
      expect(b.stored).toEqual(a.stored);
      expect(b.outcomes.filter((o) => !o.endsWith(' failed'))).toEqual(a.outcomes.filter((o) => !o.endsWith(' failed')));
      expect(new Set(b.storedUrls).size).toBe(b.storedUrls.length);
      for (const s of b.stored) expect(existsSync(join(killed, s.split(' ')[2]))).toBe(true);
      const host = readdirSync(killed).find((d) => !d.startsWith('.'))!;
      expect(readdirSync(join(killed, host)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // `cppcc run` on the crawl folder: one document per article, each with the URL the manifest recorded.
      const out = tmp();
      const run = spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'run', killed, '--out', out, '--quiet'], { stdio: 'ignore' });
      expect(await exit(run)).toBe(0);
      const sql = spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'sql', 'select url, title from documents where failed is null order by url', '--out', out, '--format', 'jsonl'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let stdout = '';
      sql.stdout.on('data', (c) => (stdout += c));
      expect(await exit(sql)).toBe(0);
      const rows = stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; title: string });
      expect(rows.map((r) => new URL(r.url).pathname).sort()).toEqual(site.articles.map((a) => a.path.replace('6b', '6')).sort());
      rmSync(out, { recursive: true, force: true });
    } finally {
      await site.stop();
      rmSync(whole, { recursive: true, force: true });
      rmSync(killed, { recursive: true, force: true });
    }
  }, 90_000);
});
