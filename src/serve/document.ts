import type { DuckDBConnection } from '@duckdb/node-api';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Workbench } from './workbench.js';
import { page } from './layout.js';

interface SpanRow { kind: string; start: number; end: number; orig_start: number | null; orig_end: number | null; label: string }

const SPANS_SQL = `
  SELECT 'mechanism' AS kind, start, "end", orig_start, orig_end, name AS label FROM mechanism_mentions WHERE doc_id = $1
  UNION ALL SELECT 'metric', start, "end", orig_start, orig_end, surface FROM metrics WHERE doc_id = $1
  UNION ALL SELECT 'person', start, "end", orig_start, orig_end, name FROM people WHERE doc_id = $1
  UNION ALL SELECT 'org', start, "end", orig_start, orig_end, name FROM orgs WHERE doc_id = $1`;

/** Which span is shown where spans overlap: mechanisms first, then people, metrics, orgs; then the longer. */
const KIND_PRIORITY: Record<string, number> = { mechanism: 0, person: 1, metric: 2, org: 3 };

/** Text with spans marked, one mark per character at most. */
function marked(text: string, spans: { kind: string; start: number; end: number; label: string }[]) {
  const chosen: typeof spans = [];
  const order = (a: (typeof spans)[number], b: (typeof spans)[number]) => (KIND_PRIORITY[a.kind] ?? 9) - (KIND_PRIORITY[b.kind] ?? 9) || (b.end - b.start) - (a.end - a.start);
  for (const s of [...spans].filter((x) => x.start >= 0 && x.end <= text.length && x.end > x.start).sort(order)) {
    if (!chosen.some((c) => s.start < c.end && c.start < s.end)) chosen.push(s);
  }
  chosen.sort((a, b) => a.start - b.start);
  const out = [];
  let pos = 0;
  for (const s of chosen) {
    out.push(html`${text.slice(pos, s.start)}`);
    const inner = html`<mark class="${s.kind}" title="${s.kind}: ${s.label}">${text.slice(s.start, s.end)}</mark>`;
    out.push(s.kind === 'mechanism' ? html`<a href="/mechanism?name=${encodeURIComponent(s.label)}">${inner}</a>` : inner);
    pos = s.end;
  }
  out.push(html`${text.slice(pos)}`);
  return out;
}

/**
 * A stored url as a link target only when it is http(s), read the way the browser will read it (the
 * WHATWG parser drops leading spaces, tabs and newlines and ignores case): javascript:, data:, vbscript:
 * and file: stay text. The href is the parser's own serialisation, so what was checked is what is linked.
 */
export function webUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function documentPage(c: Context, wb: Workbench) {
  return wb.db.use(c.req.raw.signal, 'page', (connection) => render(c, connection));
}

async function render(c: Context, connection: DuckDBConnection) {
  const id = c.req.param('id') ?? '';
  const view = c.req.query('view') === 'original' ? 'original' : 'text';
  const docs = (await connection.runAndReadAll('SELECT * FROM documents WHERE doc_id = $1', [id])).getRowObjectsJson() as Record<string, unknown>[];
  if (!docs.length) return c.html(page('Not found', 'doc', html`<p>No document ${id}.</p>`), 404);
  const d = docs[0];
  const text = String((view === 'original' ? d.original : d.text) ?? '');
  const rows = (await connection.runAndReadAll(SPANS_SQL, [id])).getRowObjectsJson() as unknown as SpanRow[];
  // The original view maps every span through the offset map (orig_start/orig_end), as stored.
  const spans = rows.map((r) => view === 'original'
    ? { kind: r.kind, start: Number(r.orig_start ?? -1), end: Number(r.orig_end ?? -1), label: r.label }
    : { kind: r.kind, start: Number(r.start), end: Number(r.end), label: r.label });
  const flags = (await connection.runAndReadAll('SELECT rule_id, severity, reason, start, "end" FROM flags WHERE doc_id = $1 ORDER BY severity, rule_id', [id])).getRowObjectsJson() as { rule_id: string; severity: string; reason: string; start: number | null; end: number | null }[];
  const dtext = String(d.text ?? '');
  const list = (v: unknown) => (Array.isArray(v) ? v.join('、') : '');
  const href = webUrl(d.url);
  const body = html`<h1>${String(d.title ?? d.file)}</h1>
${d.subtitle ? html`<p>——${String(d.subtitle)}</p>` : ''}
<table class="docmeta"><tr><th>date</th><td>${String(d.date ?? '')}</td><th>source</th><td>${String(d.source ?? '')}</td><th>type</th><td>${String(d.doc_type ?? '')}</td></tr>
<tr><th>authors</th><td>${list(d.authors)}</td><th>editors</th><td>${list(d.editors)}</td><th>script</th><td>${String(d.script ?? '')}${d.variant ? ` (${String(d.variant)})` : ''}</td></tr>
<tr><th>file</th><td colspan="3">${String(d.file)}</td><th>url</th><td>${href ? html`<a id="doc-url" href="${href}" rel="noopener noreferrer">link</a>` : d.url ? html`<span id="doc-url" class="muted">${String(d.url)}</span>` : ''}</td></tr></table>
${d.failed ? html`<div class="error">${String(d.failed)}</div>` : ''}
<h2>Quality flags (${flags.length})</h2>
${flags.map((f) => html`<div class="flag ${f.severity}"><strong>${f.rule_id}</strong> <span class="muted">${f.severity}</span> — ${f.reason}${f.start !== null && f.end !== null ? html`<div class="muted">evidence: …${dtext.slice(Math.max(0, Number(f.start) - 15), Number(f.end) + 15)}…</div>` : ''}</div>`)}
<h2>Text</h2>
<p class="legend"><mark class="mechanism">mechanism</mark><mark class="metric">metric</mark><mark class="person">person</mark><mark class="org">org</mark>
 · view: ${view === 'text' ? html`<strong>normalized</strong> · <a id="toggle-original" href="?view=original">original script</a>` : html`<a id="toggle-text" href="?">normalized</a> · <strong>original script</strong>`}</p>
<div class="text" id="doc-text">${marked(text, spans)}</div>`;
  return c.html(page(String(d.title ?? d.file), 'doc', body));
}
