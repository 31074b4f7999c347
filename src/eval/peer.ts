/**
 * Evaluation against test suites other projects wrote (../shared/peer): OpenCC's conversion cases,
 * Recognizers-Text's Chinese number-with-unit specs, and Chinese news pages from readability's and
 * trafilatura's test sets. The suites are read where they are, never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metric } from '../extract/types.js';
import { decodeBytes } from '../ingest/decode.js';
import { documentFromItem } from '../pipeline/process.js';
import { type Pipeline, runDocument } from '../pipeline/run.js';
import { docFromText } from '../model/document.js';
import { toSimplified } from '../normalize/script.js';
import { sha256 } from '../util/hash.js';

export interface PeerReport {
  name: string;
  passed: number;
  total: number;
  /** Per group (config, model, page): [passed, total]. */
  groups: Record<string, [number, number]>;
  failures: string[];
}

function jsonl(path: string): Record<string, any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

function tally(r: PeerReport, group: string, ok: boolean, failure: string): void {
  r.groups[group] ??= [0, 0];
  r.groups[group][1]++;
  r.total++;
  if (ok) { r.groups[group][0]++; r.passed++; } else r.failures.push(failure);
}

/** OpenCC cases through our conversion (the pipeline converts tw/hk/t character forms, not Taiwan vocabulary). */
export function evalOpenCC(file: string): PeerReport {
  const r: PeerReport = { name: 'OpenCC Traditional → Simplified', passed: 0, total: 0, groups: {}, failures: [] };
  const locale: Record<string, 'tw' | 'hk' | 't'> = { t2s: 't', tw2s: 'tw', hk2s: 'hk', tw2sp: 'tw', hk2sp: 'hk' };
  for (const c of jsonl(file)) {
    const got = toSimplified(c.input, locale[c.config] ?? 't').text;
    tally(r, c.config, got === c.expected, `${c.config}: ${c.input} → ${got} (expected ${c.expected})`);
  }
  return r;
}

/** Recognizers-Text specs: spans with a unit, found as a metric with the same value and unit. */
export function evalNumbers(file: string, pipeline: Pipeline): PeerReport {
  const r: PeerReport = { name: 'Recognizers-Text numbers with units (recall)', passed: 0, total: 0, groups: {}, failures: [] };
  const textStages = { ...pipeline, stages: pipeline.stages.filter((s) => !s.id.startsWith('mainText')) };
  for (const c of jsonl(file)) {
    const expected = (c.expected as { unit_zh: string | null; value: number | null }[]).filter((e) => e.unit_zh && e.value !== null);
    if (!expected.length) continue;
    const doc = runDocument(docFromText(c.input), textStages);
    const metrics = (doc.extracted.metrics ?? []) as Metric[];
    for (const e of expected) {
      // A percentage point is reported as its own unit (个百分点), which the spec counts as %.
      const ok = metrics.some((m) => Math.abs(m.value - e.value!) <= 1e-6 * Math.max(1, Math.abs(e.value!)) && (m.unit === e.unit_zh || (e.unit_zh === '%' && m.unit === '个百分点')));
      tally(r, c.model, ok, `${c.model}: ${c.input} → expected ${e.value}${e.unit_zh}, got ${metrics.map((m) => m.value + m.unit).join(', ') || 'nothing'}`);
    }
  }
  return r;
}

/** News pages: strings that must be in the main text and furniture that must not, page by page. */
export function evalMainText(dir: string, pipeline: Pipeline): PeerReport {
  const r: PeerReport = { name: 'Main text of Chinese news pages (with/without strings)', passed: 0, total: 0, groups: {}, failures: [] };
  for (const slug of readdirSync(dir).sort()) {
    const page = join(dir, slug, 'source.html');
    if (!existsSync(page)) continue;
    const exp = JSON.parse(readFileSync(join(dir, slug, 'expected.json'), 'utf8')) as { with: string[]; without: string[] };
    const bytes = readFileSync(page);
    const text = decodeBytes(bytes).text;
    const doc = runDocument(documentFromItem({ source: { path: page, file: `${slug}.html`, item: null, format: 'html', encoding: 'utf-8', sha256: sha256(bytes), bytes: bytes.length }, raw: text, meta: {}, error: null }), pipeline);
    const body = doc.original.replace(/\s+/gu, '');
    for (const w of exp.with) tally(r, slug, body.includes(w.replace(/\s+/gu, '')), `${slug}: missing "${w.slice(0, 40)}"`);
    for (const w of exp.without) tally(r, slug, !body.includes(w.replace(/\s+/gu, '')), `${slug}: furniture kept "${w.slice(0, 40)}"`);
  }
  return r;
}

export function formatPeer(r: PeerReport, maxFailures = 10): string {
  const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '-');
  const lines = [`${r.name}: ${r.passed}/${r.total} (${pct(r.passed, r.total)}%)`];
  for (const [g, [a, b]] of Object.entries(r.groups)) lines.push(`  ${g.padEnd(44)} ${String(a).padStart(4)}/${String(b).padEnd(4)} ${pct(a, b).padStart(5)}%`);
  if (maxFailures > 0 && r.failures.length) lines.push(`  first failures:`, ...r.failures.slice(0, maxFailures).map((f) => `    ${f}`));
  return lines.join('\n');
}
