import type { DuckDBConnection } from '@duckdb/node-api';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Workbench } from './workbench.js';
import { page } from './layout.js';

type Row = Record<string, unknown>;

/** The timeline chart, served as /static/mechanism.js (the CSP allows no inline script). */
export const MECHANISM_JS = `addEventListener('DOMContentLoaded', () => {
  const el = document.getElementById('timeline');
  if (!el || !window.Chart) return;
  const d = JSON.parse(el.dataset.chart);
  window.timelineChart = new Chart(el, { type: 'bar', data: { labels: d.years, datasets: [{ label: 'documents', data: d.counts, backgroundColor: '#7a1f1f' }] },
    options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
});
`;

export function mechanismPage(c: Context, wb: Workbench) {
  return wb.db.use(c.req.raw.signal, 'page', (connection) => render(c, connection));
}

async function render(c: Context, connection: DuckDBConnection) {
  const name = (c.req.query('name') ?? '').trim();
  const q = async (sql: string) => (await connection.runAndReadAll(sql, [name])).getRowObjectsJson() as Row[];
  const occurrences = await q(`SELECT d.doc_id, d.title, d.file, d.date, d.source, m.org, m.evidence, m.english
    FROM mechanisms m JOIN documents d USING (doc_id) WHERE m.name = $1 ORDER BY d.date NULLS LAST, d.file`);
  if (!name || !occurrences.length) return c.html(page('Not found', 'mechanism', html`<p>No mechanism named ${name}.</p>`), 404);
  const years = await q(`SELECT d.year, count(DISTINCT doc_id)::INTEGER AS n FROM mechanisms m JOIN documents d USING (doc_id)
    WHERE m.name = $1 AND d.year IS NOT NULL GROUP BY d.year ORDER BY d.year`);
  const variants = await q(`SELECT components, count(*)::INTEGER AS n FROM mechanisms WHERE name = $1 AND len(components) > 0 GROUP BY components ORDER BY n DESC`);
  const cooc = await q(`SELECT m2.name, count(DISTINCT m2.doc_id)::INTEGER AS n FROM mechanisms m1 JOIN mechanisms m2 ON m1.doc_id = m2.doc_id AND m2.name <> m1.name
    WHERE m1.name = $1 GROUP BY m2.name ORDER BY n DESC, m2.name LIMIT 20`);
  const first = occurrences.find((o) => o.date) ?? occurrences[0];
  const english = occurrences.map((o) => o.english).find(Boolean);
  const chart = { years: years.map((y) => Number(y.year)), counts: years.map((y) => Number(y.n)) };
  const body = html`<h1>${name}${english ? html` <span class="muted">(${String(english)})</span>` : ''}</h1>
<p>${occurrences.length} occurrence${occurrences.length === 1 ? '' : 's'} in ${new Set(occurrences.map((o) => o.doc_id)).size} documents.
First appearance: <a href="/doc/${encodeURIComponent(String(first.doc_id))}">${String(first.title ?? first.file)}</a> (${String(first.date ?? 'no date')}).</p>
<h2>Use per year</h2>
${chart.years.length ? html`<div class="chart"><canvas id="timeline" data-chart="${JSON.stringify(chart)}"></canvas></div>` : html`<p class="muted">No dated documents.</p>`}
<h2>Component variants</h2>
${variants.length ? html`<div class="variants">${variants.map((v) => html`<div><ol>${(v.components as string[]).map((x) => html`<li>${x}</li>`)}</ol><span class="muted">${Number(v.n)} document${Number(v.n) === 1 ? '' : 's'}</span></div>`)}</div>` : html`<p class="muted">No components spelled out.</p>`}
<h2>Co-occurring mechanisms</h2>
${cooc.length ? html`<ul>${cooc.map((m) => html`<li><a href="/mechanism?name=${encodeURIComponent(String(m.name))}">${String(m.name)}</a> <span class="muted">${Number(m.n)}</span></li>`)}</ul>` : html`<p class="muted">None.</p>`}
<h2>Occurrences</h2>
<table><tr><th>date</th><th>document</th><th>org</th><th>evidence</th></tr>
${occurrences.map((o) => html`<tr><td>${String(o.date ?? '')}</td><td><a href="/doc/${encodeURIComponent(String(o.doc_id))}">${String(o.title ?? o.file)}</a><div class="muted">${String(o.source ?? '')}</div></td><td>${String(o.org ?? '')}</td><td>${String(o.evidence ?? '')}</td></tr>`)}</table>
`;
  return c.html(page(name, 'mechanism', body, ['/static/chart.umd.js', '/static/mechanism.js']));
}
