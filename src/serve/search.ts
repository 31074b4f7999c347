import type { DuckDBConnection } from '@duckdb/node-api';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { CppccError, errorMessage } from '../model/errors.js';
import { runSearch } from '../search/runSearch.js';
import type { Workbench } from './workbench.js';
import { errorBox, page } from './layout.js';

/** Results per page: one screen of snippets. */
const PAGE_SIZE = 20;

type Count = [string, number];

function counts(values: (string | null)[]): Count[] {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A facet value as a link that adds its filter to the query (the same syntax as `cppcc search`). */
function facet(title: string, values: Count[], q: string, filter: (v: string) => string, extra = '') {
  if (!values.length) return html``;
  return html`<h3>${title}</h3><ul>${values.slice(0, 12).map(([v, n]) => html`<li><a href="/?q=${encodeURIComponent(`${q} ${filter(v)}`.trim())}${extra}">${v}</a> <span class="muted">${n}</span></li>`)}</ul>`;
}

export async function searchPage(c: Context, wb: Workbench) {
  const q = (c.req.query('q') ?? '').trim();
  const level = c.req.query('level') ?? '';
  if (!q) {
    return c.html(page('Search', 'search', html`<form class="search" action="/"><input type="search" name="q" autofocus placeholder="四个一 · 四個一 · four ones · si ge yi · 两个全覆盖 year:2019-2021"> <button>Search</button></form>
<p class="muted">${wb.documents} documents. Queries take Simplified, Traditional, English names and pinyin; "phrases", +required, -excluded, year:2019, source:…, org:…, type:speech.</p>`));
  }
  let body;
  try {
    body = await wb.db.use(c.req.raw.signal, 'page', (connection) => results(wb, connection, q, level));
  } catch (e) {
    body = html`<form class="search" action="/"><input type="search" name="q" value="${q}"> <button>Search</button></form>${errorBox(e instanceof CppccError ? e.message : errorMessage(e))}`;
    return c.html(page(q, 'search', body), 400);
  }
  return c.html(page(q, 'search', body));
}

async function results(wb: Workbench, connection: DuckDBConnection, q: string, level: string) {
  const run = await runSearch(wb.db.storeOn(connection), wb.index, q, PAGE_SIZE);
  // Org level is a property of the orgs a document mentions, read from the store for the candidates.
  const levels = new Map<string, string[]>();
  if (run.candidates.length) {
    const ids = run.candidates.map((h) => `'${h.doc_id.replace(/'/g, "''")}'`).join(',');
    for (const r of (await connection.runAndReadAll(`SELECT doc_id, list(DISTINCT level) AS levels FROM orgs WHERE cppcc AND level IS NOT NULL AND doc_id IN (${ids}) GROUP BY doc_id`)).getRowObjectsJson() as { doc_id: string; levels: string[] }[]) levels.set(r.doc_id, r.levels);
  }
  const candidates = level ? run.candidates.filter((h) => levels.get(h.doc_id)?.includes(level)) : run.candidates;
  const hits = level ? candidates.slice(0, PAGE_SIZE) : run.hits;
  const levelLink = level ? `&level=${encodeURIComponent(level)}` : '';
  return html`<form class="search" action="/"><input type="search" name="q" value="${q}"> ${level ? html`<input type="hidden" name="level" value="${level}">` : ''}<button>Search</button></form>
<div class="layout"><aside class="facets">
${facet('Year', counts(candidates.map((h) => h.date?.slice(0, 4) ?? null)), q, (v) => `year:${v}`, levelLink)}
${facet('Source', counts(candidates.map((h) => h.source)), q, (v) => `source:${v}`, levelLink)}
${facet('Document type', counts(candidates.map((h) => h.doc_type)), q, (v) => `type:${v}`, levelLink)}
${(() => {
  const lv = counts(candidates.flatMap((h) => levels.get(h.doc_id) ?? []));
  return lv.length ? html`<h3>Org level</h3><ul>${lv.map(([v, n]) => html`<li><a href="/?q=${encodeURIComponent(q)}&level=${encodeURIComponent(v)}">${v}</a> <span class="muted">${n}</span></li>`)}</ul>` : '';
})()}
</aside><section class="results"><p class="muted">${candidates.length} document${candidates.length === 1 ? '' : 's'}${level ? ` at org level ${level}` : ''}</p>
${hits.map((h) => {
  const [before, hit, after] = h.parts;
  const snippet = html`${before}${hit ? html`<mark class="hl">${hit}</mark>` : ''}${after}`;
  return html`<div class="hit"><a href="/doc/${encodeURIComponent(h.doc_id)}"><strong>${h.title ?? h.file}</strong></a>
<div class="meta">${h.date ?? 'no date'} · ${h.source ?? 'unknown source'} · ${h.doc_type ?? ''} · ${h.file}</div><div class="snippet">${snippet}</div></div>`;
})}</section></div>`;
}
