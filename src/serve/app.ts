import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { CppccError, errorMessage } from '../model/errors.js';
import { INDEX_FILE } from '../search/buildIndex.js';
import { loadIndex } from '../search/query.js';
import { DB_FILE } from '../run/runCorpus.js';
import { WorkbenchDb } from './db.js';
import type { Workbench } from './workbench.js';
import { documentPage } from './document.js';
import { type Address, newToken, requestGuard } from './guard.js';
import { errorBox, page, STYLE } from './layout.js';
import { DEFAULT_LIMITS, SQL_MAX_BYTES, type WorkbenchLimits } from './limits.js';
import { MECHANISM_JS, mechanismPage } from './mechanism.js';
import { searchPage } from './search.js';
import { sqlCsv, sqlPage } from './sql.js';
import { hiddenSystemViews } from './statement.js';

export interface WorkbenchOptions {
  limits?: WorkbenchLimits;
  /** Where refused requests are reported (the serve command's stderr). */
  log?: (line: string) => void;
}

export interface WorkbenchServer {
  app: Hono;
  /** Tell the app the address it was bound to; until then it refuses every request. */
  listening(address: Address): void;
  /** Interrupt the queries in flight, so their requests end now. */
  stopQueries(): void;
  close(): void;
}

const require = createRequire(import.meta.url);

/** The web workbench over a run folder: search, documents, mechanisms, SQL. */
export async function createWorkbench(out: string, opts: WorkbenchOptions = {}): Promise<WorkbenchServer> {
  const dbFile = join(resolve(out), DB_FILE);
  const index = loadIndex(join(resolve(out), INDEX_FILE), dbFile);
  const db = await WorkbenchDb.open(dbFile, opts.limits ?? DEFAULT_LIMITS);
  const { documents, hiddenViews } = await db.use(undefined, 'page', async (connection) => ({
    documents: Number((await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM documents WHERE failed IS NULL')).getRowObjects()[0].n),
    hiddenViews: await hiddenSystemViews(connection),
  }));
  const wb: Workbench = { db, index, documents, token: newToken(), hiddenViews };
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'));
  let address: Address | null = null;

  const app = new Hono();
  app.use('*', requestGuard({
    address: () => address,
    refused: (c, e) => c.html(page('Refused', 'search', errorBox(e.message)), 403),
    log: opts.log,
  }));
  app.get('/', (c) => searchPage(c, wb));
  app.get('/doc/:id', (c) => documentPage(c, wb));
  app.get('/mechanism', (c) => mechanismPage(c, wb));
  app.get('/sql', (c) => sqlPage(c, wb));
  app.post('/sql', bodyLimit({
    maxSize: SQL_MAX_BYTES,
    onError: (c) => c.html(page('SQL', 'sql', errorBox(new CppccError('E015', { key: 'query', cause: 'the form is too large', allowed: `up to ${SQL_MAX_BYTES} bytes` }).message)), 413),
  }), (c) => sqlPage(c, wb));
  app.get('/sql.csv', (c) => sqlCsv(c, wb));
  const asset = (body: string | Buffer, type: string) => (c: Context) => c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'max-age=86400' });
  app.get('/static/chart.umd.js', asset(chartJs, 'text/javascript'));
  app.get('/static/mechanism.js', asset(MECHANISM_JS, 'text/javascript'));
  app.get('/static/workbench.css', asset(STYLE, 'text/css'));
  app.notFound((c) => c.html(page('Not found', 'search', html`<p>No such page.</p>`), 404));
  // A bug must not leak a stack trace to the page; the message is enough to report it.
  app.onError((e, c) => c.html(page('Error', 'search', errorBox(e instanceof CppccError ? e.message : errorMessage(e))), 500));
  return { app, listening: (a) => { address = a; }, stopQueries: () => db.stopQueries(), close: () => db.close() };
}
