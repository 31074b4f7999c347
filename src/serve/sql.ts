import { JsonDuckDBValueConverter, type DuckDBResult } from '@duckdb/node-api';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { csvLine } from '../output/format.js';
import { CppccError } from '../model/errors.js';
import type { Workbench } from './workbench.js';
import { tokenMatches } from './guard.js';
import { errorBox, page } from './layout.js';
import { CSV_MAX_ROWS, SQL_CELL_CHARS, SQL_PAGE_ROWS } from './limits.js';
import { checkStatement, limitedSql } from './statement.js';

const EXAMPLE = 'select name, count(*) n from mechanisms group by name order by n desc';

/** A refusal or failure as a status: the server's own limit on running queries is 503, the rest the query's doing. */
const status = (e: CppccError) => (e.code === 'E040' ? 503 : e.code === 'E039' ? 403 : 400);

interface Answer { columns: string[]; rows: unknown[][]; more: boolean }

/** Check the statement, run it with the row limit inside it, cells cut for the page. */
async function answer(c: Context, wb: Workbench, q: string): Promise<Answer> {
  return wb.db.use(c.req.raw.signal, 'sql', async (connection) => {
    const s = await checkStatement(connection, q, wb.hiddenViews);
    // One row and one character past the limits tell the page that more exists.
    const r = await connection.runAndReadAll(await limitedSql(connection, s, SQL_PAGE_ROWS + 1, SQL_CELL_CHARS + 1));
    const rows = r.getRowsJson() as unknown[][];
    return { columns: r.columnNames(), rows: rows.slice(0, SQL_PAGE_ROWS), more: rows.length > SQL_PAGE_ROWS };
  });
}

function cell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > SQL_CELL_CHARS ? `${s.slice(0, SQL_CELL_CHARS)}…` : s;
}

/**
 * The SQL page. GET /sql?q= runs the query (links and bookmarks work, and a query changes nothing);
 * the form posts, with the server's token, so a long query does not have to fit in a URL.
 */
export async function sqlPage(c: Context, wb: Workbench) {
  let q: string;
  if (c.req.method === 'POST') {
    const body = await c.req.parseBody();
    if (!tokenMatches(body.token, wb.token)) {
      const e = new CppccError('E039', { cause: "the form does not carry this server's token (a page of another server, or a server restarted since: reload the SQL page)", input: '/sql' });
      return c.html(page('SQL', 'sql', errorBox(e.message)), 403);
    }
    q = String(body.q ?? '').trim();
  } else {
    q = (c.req.query('q') ?? '').trim();
  }
  const form = html`<form method="post" action="/sql"><input type="hidden" name="token" value="${wb.token}"><textarea name="q" rows="5">${q || EXAMPLE}</textarea><br><button>Run</button>
${q ? html` <a id="csv" href="/sql.csv?q=${encodeURIComponent(q)}">CSV</a> · <a id="permalink" href="/sql?q=${encodeURIComponent(q)}">link to this query</a>` : ''}
<span class="muted">One read-only statement; no file or network access; stopped after ${wb.db.limits.queryTimeoutMs / 1000} s.</span></form>`;
  if (!q) return c.html(page('SQL', 'sql', form));
  let r: Answer;
  try {
    r = await answer(c, wb, q);
  } catch (e) {
    const err = e instanceof CppccError ? e : new CppccError('E013', { cause: String(e) });
    return c.html(page('SQL', 'sql', html`${form}${errorBox(err.message)}`), status(err));
  }
  const shown = `${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`;
  const body = html`${form}<p class="muted" id="sql-count">${r.more ? `first ${shown} shown; the query has more (the CSV download has up to ${CSV_MAX_ROWS.toLocaleString('en')})` : shown}</p>
<table id="sql-result"><tr>${r.columns.map((k) => html`<th>${k}</th>`)}</tr>${r.rows.map((row) => html`<tr>${row.map((v) => html`<td>${cell(v)}</td>`)}</tr>`)}</table>`;
  return c.html(page('SQL', 'sql', body));
}

/**
 * The query's rows as CSV, streamed chunk by chunk from DuckDB (nothing materialised), up to
 * CSV_MAX_ROWS and within the time limit; a query stopped mid-way ends the download with an error
 * rather than a file that looks complete.
 */
export async function sqlCsv(c: Context, wb: Workbench) {
  const q = (c.req.query('q') ?? '').trim() || EXAMPLE;
  let lease;
  try {
    lease = await wb.db.lease(c.req.raw.signal, 'sql');
  } catch (e) {
    const err = e instanceof CppccError ? e : new CppccError('E013', { cause: String(e) });
    return c.text(err.message, status(err));
  }
  let result: DuckDBResult;
  try {
    const s = await checkStatement(lease.connection, q, wb.hiddenViews);
    result = await lease.connection.stream(await limitedSql(lease.connection, s, CSV_MAX_ROWS));
  } catch (e) {
    const err = lease.failure(e);
    lease.release();
    return c.text(err.message, status(err));
  }
  const held = lease;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A client that stops reading must not hold its connection past the limit either.
      held.onTimeout = () => { controller.error(held.failure(null)); held.release(); };
      controller.enqueue(encoder.encode(csvLine(result.columnNames()) + '\n'));
    },
    async pull(controller) {
      try {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) {
          held.release();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(chunk.convertRows(JsonDuckDBValueConverter).map((row) => csvLine(row) + '\n').join('')));
      } catch (e) {
        controller.error(held.failure(e));
        held.release();
      }
    },
    cancel() {
      held.release();
    },
  });
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="query.csv"' });
}
