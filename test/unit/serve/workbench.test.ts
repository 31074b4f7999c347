import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkbench, type WorkbenchServer } from '../../../src/serve/app.js';
import { CONTENT_SECURITY_POLICY, hostAllowed } from '../../../src/serve/guard.js';
import { SQL_MAX_RUNNING, SQL_PAGE_ROWS } from '../../../src/serve/limits.js';
import { openStore } from '../../../src/store/duckdb.js';
import { DB_FILE } from '../../../src/run/runCorpus.js';
import { FORMULA_SOURCE, FORMULA_TITLE, FORMULA_URL, HOSTILE, hostileRun, SCRIPT_URLS, WEB_URL } from '../../helpers/hostile.js';
import { join } from 'node:path';

/** The time limit of this suite's server: far above any page's few milliseconds. */
const LIMIT_MS = 5000;
const HOST = '127.0.0.1:8080';
const BASE = `http://${HOST}`;
const RUNAWAY = 'select count(*) from range(100000000000)';

let out = '';
let wb: WorkbenchServer;
let token = '';
const refusals: string[] = [];
let docs: { doc_id: string; url: string | null; failed: boolean; file: string }[] = [];

const get = (path: string, headers: Record<string, string> = {}, signal?: AbortSignal) => wb.app.request(`${BASE}${path}`, { headers: { host: HOST, ...headers }, signal });
const sql = (q: string, signal?: AbortSignal) => get(`/sql?q=${encodeURIComponent(q)}`, {}, signal);
const post = (q: string, t = token, headers: Record<string, string> = {}) => wb.app.request(`${BASE}/sql`, { method: 'POST', body: new URLSearchParams({ q, token: t }), headers: { host: HOST, origin: BASE, ...headers } });
const text = async (r: Response | Promise<Response>) => (await r).text();
const cells = (page: string) => [...parseHTML(page).document.querySelectorAll('#sql-result td')].map((td) => td.textContent ?? '');
const alert = (page: string) => parseHTML(page).document.querySelector('[role=alert]')?.textContent ?? '';

beforeAll(async () => {
  out = hostileRun();
  const store = await openStore(join(out, DB_FILE), { readOnly: true });
  docs = (await store.connection.runAndReadAll('SELECT doc_id, url, failed IS NOT NULL AS failed, file FROM documents')).getRowObjectsJson() as typeof docs;
  store.close();
  wb = await createWorkbench(out, { limits: { queryTimeoutMs: LIMIT_MS, memoryLimit: '512MB', threads: 1 }, log: (l) => refusals.push(l) });
  wb.listening({ host: '127.0.0.1', port: 8080 });
  token = /name="token" value="([^"]+)"/u.exec(await text(get('/sql')))![1];
});

afterAll(() => wb?.close());

describe('serve: the SQL page runs one read-only statement', () => {
  it('serve: a temp view planted by GET or POST is refused, and the real mechanisms stay', async () => {
    const plant = "create temp view mechanisms as select 'forged' as name";
    for (const r of [await sql(plant), await post(plant)]) {
      expect(r.status).toBe(400);
      expect(alert(await r.text())).toMatch(/^\[E037\].*it refuses CREATE statements/u);
    }
    const names = cells(await text(sql('select distinct name from mechanisms order by name')));
    expect(names).toContain('两个全覆盖');
    expect(names).not.toContain('forged');
  });

  it('serve: several statements, other statement types and functions that show paths or run SQL are refused', async () => {
    for (const q of ['select 1; select 2', 'pragma database_list', 'select * from duckdb_databases()', 'select path from duckdb_databases',
      'select * from pragma_database_list', "select current_setting('home_directory')", "select * from query('select 1')",
      "select * from read_csv('/etc/passwd')", "select * from json_execute_serialized_sql('{}')", 'select * from duckdb_settings()',
      'explain analyze create temp view x as select 1', 'set threads = 1', "attach ':memory:' as m", 'call pragma_database_list()', 'checkpoint', 'use system']) {
      const r = await sql(q);
      const page = await r.text();
      expect(r.status, q).toBe(400);
      expect(alert(page), q).toMatch(/^\[E037\]/u);
      expect(page, q).not.toContain(out);
    }
  });

  it('serve: SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN answer', async () => {
    for (const q of ['select 42 as n', 'with x as (select 1 as y) select * from x', 'from documents select count(*)', 'values (1), (2)',
      'describe documents', 'show tables', 'summarize mechanisms', 'explain select * from documents', 'select 1; -- a trailing comment after the semicolon']) {
      const r = await sql(q);
      expect(r.status, q).toBe(200);
      expect(cells(await r.text()).length, q).toBeGreaterThan(0);
    }
    expect(cells(await text(sql('select name, count(*) n from mechanisms group by name order by n desc, name limit 2')))).toEqual(
      cells(await text(sql('select name, count(*) n from mechanisms group by name order by n desc, name'))).slice(0, 4),
    );
  });

  it("serve: DuckDB's errors keep their hint and caret, on the user's own line", async () => {
    const r = await sql('select *\nfrom mechanism');
    expect(r.status).toBe(400);
    const message = alert(await r.text());
    expect(message).toMatch(/^\[E013\] SQL error: Catalog Error: Table with name mechanism does not exist!/u);
    expect(message).toContain('Did you mean "mechanisms"?');
    expect(message).toContain('LINE 2: from mechanism');
  });

  it('serve: the row limit is inside the query: a hundred billion rows give the first page at once', async () => {
    const page = await text(sql('select range from range(100000000000)'));
    expect(cells(page)).toHaveLength(SQL_PAGE_ROWS);
    expect(parseHTML(page).document.querySelector('#sql-count')?.textContent).toMatch(/^first 500 rows shown; the query has more/u);
  });

  it('serve: a runaway query ends with the time-limit message, and a search answers meanwhile', async () => {
    let runawayDone = false;
    const runaway = Promise.resolve(sql(RUNAWAY)).then(async (r) => { runawayDone = true; return { status: r.status, page: await r.text() }; });
    const search = await get(`/?q=${encodeURIComponent('两个全覆盖')}`);
    expect(search.status).toBe(200);
    expect(runawayDone).toBe(false);
    const { status, page } = await runaway;
    expect(status).toBe(400);
    expect(alert(page)).toBe(`[E038] The query was stopped after ${LIMIT_MS} ms, the workbench's time limit. Narrow it (a WHERE clause, a smaller range), or start \`cppcc serve --query-timeout-ms N\`; \`cppcc sql\` has no limit.`);
  });

  it('serve: queries beyond the running limit are refused, and a client that leaves stops its query', async () => {
    const leaving = Array.from({ length: SQL_MAX_RUNNING }, () => new AbortController());
    const running = leaving.map((a) => sql(RUNAWAY, a.signal));
    const busy = await sql('select 1');
    expect(busy.status).toBe(503);
    expect(alert(await busy.text())).toMatch(/^\[E040\]/u);
    for (const a of leaving) a.abort();
    // Stopped by the client's leaving, not by the time limit (that would be E038).
    for (const r of running) expect(alert(await text(r))).toMatch(/^\[E013\] SQL error: INTERRUPT Error: Interrupted!/u);
    expect((await sql('select 1')).status).toBe(200);
  });

  it('serve: CSV downloads neutralise would-be formulas, keep numbers, and refuse what the page refuses', async () => {
    const csv = await text(get(`/sql.csv?q=${encodeURIComponent("select '=1+1' a, -5 b, '@x' c, '+1' d, '-x' e, 'ok' f, '\tx' g")}`));
    expect(csv).toBe("a,b,c,d,e,f,g\n'=1+1,-5,'@x,+1,'-x,ok,'\tx\n");
    const titles = await text(get(`/sql.csv?q=${encodeURIComponent('select title, source from documents where title like \'=%\'')}`));
    expect(titles.split('\n')[1]).toBe(`"'${FORMULA_TITLE.replace(/"/g, '""')}",'${FORMULA_SOURCE}`);
    const refused = await get(`/sql.csv?q=${encodeURIComponent('create temp view v as select 1')}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/^\[E037\]/u);
  });
});

describe('serve: requests from elsewhere are refused', () => {
  it('serve: a Host that is not the server (DNS rebinding) is refused on every page', async () => {
    for (const path of ['/', '/sql?q=select+1', `/doc/${docs[0].doc_id}`, '/static/workbench.css']) {
      const r = await get(path, { host: 'evil.example' });
      expect(r.status, path).toBe(403);
      expect(await r.text(), path).toContain('[E039] Request refused: the Host &quot;evil.example&quot; is not this server&#39;s address');
    }
    expect((await get('/', { host: '127.0.0.1:8081' })).status).toBe(403);
    expect((await get('/', { host: 'localhost:8080' })).status).toBe(200);
  });

  it('serve: host names: loopback aliases, a wildcard bind takes IP literals but no other name', () => {
    expect(hostAllowed('[::1]:8080', { host: '127.0.0.1', port: 8080 })).toBe(true);
    expect(hostAllowed('127.0.0.1.evil.example:8080', { host: '127.0.0.1', port: 8080 })).toBe(false);
    expect(hostAllowed('192.168.1.20:8080', { host: '0.0.0.0', port: 8080 })).toBe(true);
    expect(hostAllowed('evil.example:8080', { host: '0.0.0.0', port: 8080 })).toBe(false);
    expect(hostAllowed('example.org', { host: 'example.org', port: 80 })).toBe(true);
    expect(hostAllowed(undefined, { host: '127.0.0.1', port: 8080 })).toBe(false);
  });

  it("serve: another origin's request, another site's <img>, and a post without the token are refused", async () => {
    expect((await get('/sql?q=select+1', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/sql?q=select+1', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' })).status).toBe(403);
    // Following a link from elsewhere to a page is what links are for.
    expect((await get('/sql?q=select+1', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' })).status).toBe(200);
    const forged = await post('select 1', 'not-the-token');
    expect(forged.status).toBe(403);
    expect(alert(await forged.text())).toMatch(/^\[E039\].*token/u);
    expect((await post('select 1', token, { origin: 'http://evil.example' })).status).toBe(403);
    expect(cells(await text(post('select 42 as n')))).toEqual(['42']);
    expect(refusals.some((l) => l.startsWith('refused GET /sql: another site'))).toBe(true);
  });
});

describe('serve: stored text cannot become markup', () => {
  /** No element or attribute that runs script, no inline script or style, and only safe links. */
  function expectInert(page: string, where: string) {
    const { document } = parseHTML(page);
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      expect(['img', 'svg', 'iframe', 'object', 'embed', 'style', 'b'], `${where}: <${tag}>`).not.toContain(tag);
      if (tag === 'script') expect(el.getAttribute('src'), where).toMatch(/^\/static\/[\w.]+\.js$/u);
      for (const a of el.attributes) {
        expect(a.name, `${where}: ${a.name} on <${tag}>`).not.toMatch(/^on|^style$/u);
        if (a.name === 'href' || a.name === 'action') expect(a.value, where).toMatch(/^(\/|\?|https?:\/\/)/u);
      }
    }
  }

  it('serve: every document page escapes every field, and links only http(s) urls', async () => {
    expect(docs.length).toBe(1 + SCRIPT_URLS.length + 2 + 2);
    for (const d of docs) {
      const r = await get(`/doc/${d.doc_id}`);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const page = await r.text();
      expectInert(page, d.file);
      const { document } = parseHTML(page);
      const link = document.querySelector('#doc-url');
      if (d.file.startsWith('hostile.json') && d.url !== FORMULA_URL) {
        expect(document.querySelector('h1')?.textContent).toMatch(/^标题<img src=x onerror=window.__xss="title">\d$/u);
        expect(page).toContain('副题&lt;svg onload=window.__xss=&quot;subtitle&quot;&gt;');
        expect(page).toContain('来源&quot;&gt;&lt;script&gt;window.__xss=&quot;source&quot;&lt;/script&gt;');
      }
      if (d.file === 'xss.txt') expect(document.querySelector('#doc-text')?.textContent).toContain('<script>window.__xss="body"</script>');
      if (d.url && !d.url.startsWith('https:')) {
        expect(link?.tagName, d.url).toBe('SPAN');
        expect(link?.textContent).toBe(d.url);
      } else if (d.url === WEB_URL) {
        expect(link?.getAttribute('href')).toBe(new URL(WEB_URL).href);
      }
      if (d.failed) expect(page).toContain('bad&lt;img src=x onerror=window.__xss=&quot;file&quot;&gt;.json');
    }
    expect(docs.filter((d) => d.url && !/^https:/u.test(d.url))).toHaveLength(SCRIPT_URLS.length);
  });

  it('serve: search, mechanism and SQL pages escape stored text and query text', async () => {
    const pages = {
      search: await text(get(`/?q=${encodeURIComponent('提交材料')}`)),
      facet: await text(get(`/?q=${encodeURIComponent(`提交材料 source:${HOSTILE.source}`)}`)),
      mechanism: await text(get(`/mechanism?name=${encodeURIComponent('两个全覆盖')}`)),
      sql: await text(sql('select title, source, subtitle, url from documents')),
      query: await text(sql(`select '${HOSTILE.title}' as "${HOSTILE.editor.replace(/"/g, '""')}"`)),
    };
    for (const [where, page] of Object.entries(pages)) expectInert(page, where);
    expect(pages.search).toContain('标题&lt;img src=x onerror=window.__xss=&quot;title&quot;&gt;');
    expect(pages.mechanism).toContain('两个全覆盖&quot;&gt;&lt;img src=x onerror=window.__xss=&quot;evidence&quot;&gt;落实');
    expect(cells(pages.sql)).toContain(HOSTILE.source);
  });
});
