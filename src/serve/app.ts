import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { errorMessage } from '../model/errors.js';
import { INDEX_FILE } from '../search/buildIndex.js';
import { loadIndex, type LoadedIndex } from '../search/query.js';
import { openStore, type Store } from '../store/duckdb.js';
import { DB_FILE } from '../pipeline/runCorpus.js';
import { documentPage } from './document.js';
import { errorBox, page } from './layout.js';
import { mechanismPage } from './mechanism.js';
import { searchPage } from './search.js';
import { sqlCsv, sqlPage } from './sql.js';

/** What every page reads: the run's database (sandboxed) and its search index. */
export interface Workbench {
  store: Store;
  index: LoadedIndex;
  documents: number;
}

const require = createRequire(import.meta.url);

/** The web workbench over a run folder: search, documents, mechanisms, SQL. */
export async function createWorkbench(out: string): Promise<{ app: Hono; close(): void }> {
  const dbFile = join(resolve(out), DB_FILE);
  const index = loadIndex(join(resolve(out), INDEX_FILE), dbFile);
  const store = await openStore(dbFile, { sandboxed: true });
  const n = (await store.connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM documents WHERE failed IS NULL')).getRowObjects()[0].n;
  const wb: Workbench = { store, index, documents: Number(n) };
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'));

  const app = new Hono();
  app.get('/', (c) => searchPage(c, wb));
  app.get('/doc/:id', (c) => documentPage(c, wb));
  app.get('/mechanism', (c) => mechanismPage(c, wb));
  app.get('/sql', (c) => sqlPage(c, wb));
  app.get('/sql.csv', (c) => sqlCsv(c, wb));
  app.get('/static/chart.umd.js', (c) => c.body(chartJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=86400' }));
  app.notFound((c) => c.html(page('Not found', 'search', html`<p>No such page.</p>`), 404));
  // A bug must not leak a stack trace to the page; the message is enough to report it.
  app.onError((e, c) => c.html(page('Error', 'search', errorBox(errorMessage(e))), 500));
  return { app, close: () => store.close() };
}
