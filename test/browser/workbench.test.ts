import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS } from '../helpers/docs.js';
import { CLI } from '../helpers/cli.js';
import { SCRIPT_URLS } from '../helpers/hostile.js';

/** Debian's chromium, installed by .ci/run (apt-get install chromium); never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'output', 'screenshots');
const XSS = '委员提交的材料中含有<script>window.__xss=1</script>和"><img src=x onerror="window.__xss=2">字样，政协办公室已登记备案。';
/** The server's time limit here: long for any page, short enough for the runaway query to meet it. */
const LIMIT_MS = 5000;
const RUNAWAY = 'select count(*) from range(100000000000)';

describe('web workbench in a real browser', () => {
  let server: ChildProcessByStdio<null, Readable, Readable>;
  let base = '';
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  /** What Chromium reports refusing under the Content-Security-Policy: nothing, on the workbench's own pages. */
  const cspViolations: string[] = [];
  let serverLog = '';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cppcc-web-'));
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(corpus, f));
    writeFileSync(join(corpus, 'xss.txt'), `材料登记情况通报\n2020年5月6日\n${XSS}\n`);
    // Stored urls that would run script as a link: a JSON export's url field, any case, leading spaces.
    writeFileSync(join(corpus, 'links.json'), JSON.stringify(SCRIPT_URLS.slice(0, 2).map((url, i) => ({ title: `链接测试${i}`, date: '2020-05-07', url, content: `政协委员链接测试稿${i}，内容从略。` }))));
    const out = join(dir, 'out');
    expect(spawnSync(process.execPath, [CLI, 'run', corpus, '--out', out, '--quiet']).status).toBe(0);
    server = spawn(process.execPath, [CLI, 'serve', '--out', out, '--port', '0', '--query-timeout-ms', String(LIMIT_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stderr.on('data', (b: Buffer) => { serverLog += b.toString(); });
    base = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (b: Buffer) => { const m = /http:\/\/\S+\//.exec(b.toString()); if (m) resolve(m[0].replace(/\/$/, '')); });
      server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      // Playwright gives every launch a fresh, empty profile directory of its own.
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('console', (m) => { if (/Content.Security.Policy/iu.test(m.text())) cspViolations.push(m.text()); });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('web: the server binds loopback by default', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('web: "四個一" (Traditional) finds the 隆安县 article; clicking it opens the document with its spans', async () => {
    await page.goto(`${base}/`);
    await page.fill('input[name=q]', '四個一');
    await page.press('input[name=q]', 'Enter');
    await page.waitForSelector('.hit');
    const titles = await page.locator('.hit strong').allTextContents();
    expect(titles).toContain('党旗领航 履职增效');
    expect(await page.locator('mark.hl').first().textContent()).toBe('四个一');
    await page.screenshot({ path: join(SHOTS, 'search.png'), fullPage: true });
    await page.click('text=党旗领航 履职增效');
    await page.waitForSelector('#doc-text');
    expect(await page.locator('h1').textContent()).toBe('党旗领航 履职增效');
    expect(await page.locator('#doc-text mark.mechanism').allTextContents()).toContain('四个一');
    expect(await page.locator('#doc-text mark.metric').count()).toBeGreaterThan(0);
    expect(await page.locator('#doc-text mark.org').count()).toBeGreaterThan(0);
    expect(await page.locator('.flag').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'document.png'), fullPage: true });
  });

  it('web: the original-script toggle shows the Traditional text with spans mapped to it', async () => {
    await page.click('#toggle-original');
    await page.waitForSelector('#toggle-text');
    const text = await page.locator('#doc-text').textContent();
    expect(text).toContain('政協');
    expect(await page.locator('#doc-text mark.mechanism').allTextContents()).toContain('四個一');
  });

  it('web: "four ones" (English) finds the same article, and facets narrow by year', async () => {
    await page.goto(`${base}/?q=${encodeURIComponent('four ones')}`);
    expect(await page.locator('.hit strong').allTextContents()).toContain('党旗领航 履职增效');
    expect(await page.locator('.facets h3').allTextContents()).toEqual(expect.arrayContaining(['Document type']));
  });

  it('web: the mechanism page shows occurrences, a timeline chart and co-occurring mechanisms', async () => {
    await page.goto(`${base}/mechanism?name=${encodeURIComponent('两个全覆盖')}`);
    await page.waitForFunction(() => 'timelineChart' in window);
    const years = await page.evaluate(() => (window as unknown as { timelineChart: { data: { labels: number[] } } }).timelineChart.data.labels);
    expect(years.length).toBeGreaterThan(0);
    expect(await page.locator('table tr').count()).toBeGreaterThan(1);
    await page.screenshot({ path: join(SHOTS, 'mechanism.png'), fullPage: true });
  });

  it('web: the SQL page answers a query, refuses a write and an external read with a message', async () => {
    await page.goto(`${base}/sql?q=${encodeURIComponent('select name, count(*) n from mechanisms group by name order by n desc, name limit 5')}`);
    expect(await page.locator('#sql-result tr').count()).toBe(6);
    const csv = await (await page.request.get(await page.locator('#csv').getAttribute('href').then((h) => `${base}${h}`))).text();
    expect(csv.split('\n')[0]).toBe('name,n');
    await page.screenshot({ path: join(SHOTS, 'sql.png'), fullPage: true });
    for (const [q, re] of [['delete from documents', /refuses DELETE statements/], ["select * from read_csv('/etc/passwd')", /refuses the table function read_csv\(\)/], ["attach '/tmp/x.db'", /refuses ATTACH statements/]] as const) {
      const r = await page.goto(`${base}/sql?q=${encodeURIComponent(q)}`);
      expect(r?.status()).toBe(400);
      expect(await page.locator('.error').textContent()).toMatch(re);
      expect(await page.content()).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('web: document text holding <script> and an onerror attribute renders as text', async () => {
    const r = await page.request.get(`${base}/?q=${encodeURIComponent('材料登记')}`);
    const link = /href="(\/doc\/[^"]+)"/.exec(await r.text())?.[1];
    expect(link).toBeTruthy();
    await page.goto(`${base}${link}`);
    expect(await page.locator('#doc-text').textContent()).toContain('<script>window.__xss=1</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#doc-text img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('web: a stored javascript: url renders as text, not a link; clicking it runs nothing', async () => {
    for (const i of [0, 1]) {
      await page.goto(`${base}/sql?q=${encodeURIComponent(`select doc_id from documents where title = '链接测试${i}'`)}`);
      const id = await page.locator('#sql-result td').first().textContent();
      await page.goto(`${base}/doc/${id}`);
      expect(await page.locator('#doc-url').textContent()).toBe(SCRIPT_URLS[i].trim());
      // Every link on the page resolves to the workbench or to http(s).
      const protocols = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => new URL((a as HTMLAnchorElement).href).protocol));
      expect(new Set(protocols)).toEqual(new Set(['http:']));
      await page.click('#doc-url');
    }
    expect(dialogs).toEqual([]);
  });

  it('web: a page on another loopback port can neither plant a view nor read the corpus', async () => {
    const plant = `${base}/sql?q=${encodeURIComponent("create temp view mechanisms as select 'forged' as name")}`;
    const evil = `<!DOCTYPE html><title>waiting</title><img src="${plant}">
<form id="f" method="post" action="${base}/sql"><input name="q" value="create temp view mechanisms as select 'forged' as name"><input name="token" value="guess"></form>
<script>
fetch(${JSON.stringify(`${base}/sql?q=select+title+from+documents`)}).then((r) => r.text()).then((t) => { document.title = 'read ' + t.length; }, () => { document.title = 'blocked'; });
</script>`;
    const attacker: Server = createServer((_, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(evil); });
    const port = await new Promise<number>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve((attacker.address() as { port: number }).port)));
    try {
      const other = await browser.newPage();
      await other.goto(`http://127.0.0.1:${port}/`);
      await other.waitForFunction(() => document.title !== 'waiting');
      expect(await other.title()).toBe('blocked');
      // The <img> reached the server and was turned away before any SQL ran.
      await expect.poll(() => serverLog, { timeout: 10_000 }).toContain("refused GET /sql: another site's page made this request (Sec-Fetch-Site: same-site)");
      // The form posts from the other origin, with a guessed token: refused, and says why.
      await Promise.all([other.waitForURL(`${base}/sql`), other.evaluate(() => (document.getElementById('f') as HTMLFormElement).submit())]);
      expect(await other.locator('.error').textContent()).toMatch(/^\[E039\] Request refused: the request came from http:\/\/127\.0\.0\.1:\d+, another origin/u);
      await other.close();
    } finally {
      attacker.close();
    }
    await page.goto(`${base}/sql?q=${encodeURIComponent('select distinct name from mechanisms order by name')}`);
    const names = await page.locator('#sql-result td').allTextContents();
    expect(names).toContain('两个全覆盖');
    expect(names).not.toContain('forged');
  });

  it('web: while a runaway query runs, search answers; the query ends with the time-limit message', async () => {
    let runawayDone = false;
    const runaway = page.request.get(`${base}/sql?q=${encodeURIComponent(RUNAWAY)}`).then(async (r) => { runawayDone = true; return r.text(); });
    const search = await page.goto(`${base}/?q=${encodeURIComponent('四個一')}`);
    expect(search?.status()).toBe(200);
    expect(await page.locator('.hit strong').allTextContents()).toContain('党旗领航 履职增效');
    expect(runawayDone).toBe(false);
    expect(await runaway).toContain(`[E038] The query was stopped after ${LIMIT_MS} ms`);
  });

  it('web: the pages run under the Content-Security-Policy without a violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
