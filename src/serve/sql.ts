import type { Context } from 'hono';
import { html } from 'hono/html';
import { errorMessage } from '../model/errors.js';
import type { Workbench } from './app.js';
import { errorBox, page } from './layout.js';
import { formatRows } from '../cli/format.js';

/** Rows shown in the page; the CSV download has them all. */
const SQL_PAGE_ROWS = 500;
const EXAMPLE = 'select name, count(*) n from mechanisms group by name order by n desc';

async function run(wb: Workbench, q: string): Promise<{ rows: Record<string, unknown>[] } | { error: string }> {
  try {
    return { rows: (await wb.store.connection.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[] };
  } catch (e) {
    // DuckDB's own message (read-only, permission, syntax): what a user can act on, never a stack trace.
    return { error: errorMessage(e) };
  }
}

export async function sqlPage(c: Context, wb: Workbench) {
  const q = (c.req.query('q') ?? '').trim();
  const form = html`<form action="/sql"><textarea name="q" rows="5">${q || EXAMPLE}</textarea><br><button>Run</button>
${q ? html` <a id="csv" href="/sql.csv?q=${encodeURIComponent(q)}">CSV</a>` : ''} <span class="muted">Read-only; no file or network access.</span></form>`;
  if (!q) return c.html(page('SQL', 'sql', form));
  const r = await run(wb, q);
  if ('error' in r) return c.html(page('SQL', 'sql', html`${form}${errorBox(r.error)}`), 400);
  const cols = r.rows.length ? Object.keys(r.rows[0]) : [];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const body = html`${form}<p class="muted">${r.rows.length} row${r.rows.length === 1 ? '' : 's'}${r.rows.length > SQL_PAGE_ROWS ? `, first ${SQL_PAGE_ROWS} shown` : ''}</p>
<table id="sql-result"><tr>${cols.map((k) => html`<th>${k}</th>`)}</tr>${r.rows.slice(0, SQL_PAGE_ROWS).map((row) => html`<tr>${cols.map((k) => html`<td>${cell(row[k])}</td>`)}</tr>`)}</table>`;
  return c.html(page('SQL', 'sql', body));
}

export async function sqlCsv(c: Context, wb: Workbench) {
  const q = (c.req.query('q') ?? '').trim();
  const r = await run(wb, q || EXAMPLE);
  if ('error' in r) return c.text(r.error, 400);
  c.header('content-disposition', 'attachment; filename="query.csv"');
  return c.body(formatRows(r.rows, 'csv') + '\n', 200, { 'content-type': 'text/csv; charset=utf-8' });
}
