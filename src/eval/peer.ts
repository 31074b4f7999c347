/**
 * Evaluation against test suites other projects wrote (../shared/peer): OpenCC's conversion cases,
 * Recognizers-Text's Chinese number-with-unit specs, and Chinese news pages from readability's and
 * trafilatura's test sets. The suites are read where they are, never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metric } from '../model/results.js';
import { decodeBytes } from '../util/decode.js';
import { documentFromItem } from '../run/process.js';
import { type Pipeline, runDocument } from '../pipeline/run.js';
import { docFromText } from '../model/document.js';
import { toSimplified } from '../normalize/script.js';
import { sha256 } from '../util/hash.js';
import type { Tokens } from '../model/tokens.js';
import { crossesEdge, emptySegmentationScore, scoreSegmentation } from './segmentation.js';

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

/** A news page of mainText/ run through the whole pipeline, from its bytes. */
function runPage(dir: string, slug: string, pipeline: Pipeline) {
  const page = join(dir, slug, 'source.html');
  const bytes = readFileSync(page);
  return runDocument(documentFromItem({ source: { path: page, file: `${slug}.html`, item: null, format: 'html', content: 'page', encoding: 'utf-8', sha256: sha256(bytes), bytes: bytes.length }, raw: decodeBytes(bytes).text, meta: {}, error: null }), pipeline);
}

const pages = (dir: string) => readdirSync(dir).sort().filter((slug) => existsSync(join(dir, slug, 'source.html')));

/**
 * Segmentation on text this project's rules were not written on: every number written in digits in
 * Recognizers-Text's sentences (their spans) and in the news pages' main text should be one coarse token,
 * and no token may cross its edge, the same measure `cppcc eval` takes of gold metric numbers.
 */
export function evalNumberTokens(peer: string, pipeline: Pipeline): PeerReport {
  const r: PeerReport = { name: 'Held-out segmentation: digit numbers one coarse token, number spans never crossed', passed: 0, total: 0, groups: {}, failures: [] };
  const textStages = { ...pipeline, stages: pipeline.stages.filter((s) => !s.id.startsWith('mainText')) };
  const add = (group: string, text: string, tokens: Tokens, numbers: string[], file: string) => {
    const score = emptySegmentationScore();
    scoreSegmentation(score, { metrics: [...new Set(numbers)].map((n) => ({ evidence: n })) }, { text, tokens, file });
    const [a, b] = r.groups[group] ?? [0, 0];
    r.groups[group] = [a + score.whole, b + score.occurrences];
    const [ca, cb] = r.groups['no crossing: digit numbers'] ?? [0, 0];
    r.groups['no crossing: digit numbers'] = [ca + score.occurrences - score.cut, cb + score.occurrences];
    r.passed += score.whole;
    r.total += score.occurrences;
    for (const m of score.misses) r.failures.push(`${group}: ${m.needle} in ${text.slice(Math.max(0, m.offset - 8), m.offset + m.needle.length + 8).replace(/\s+/gu, ' ')} → ${m.tokens.join('|')}`);
  };
  const recognizers = join(peer, 'recognizers_zh.jsonl');
  if (existsSync(recognizers)) {
    for (const c of jsonl(recognizers)) {
      const expected = c.expected as { text: string; start: number; end_inclusive: number }[];
      const doc = runDocument(docFromText(c.input), textStages);
      const digits = expected.map((e) => e.text).filter((t) => /\d/u.test(t));
      if (digits.length) add('one token: recognizers_zh digits', doc.text, doc.tokens, digits, String(c.id));
      // Whole spans (两百五十万元, 3.08亿元, 百分之五) need not be one token, but no token may cross their edges;
      // tokens are mapped back to the original, where the spec's offsets point.
      const group = `no crossing: recognizers_zh ${String(c.model).replace(/Model$/u, '')} spans`;
      for (const e of expected) {
        const end = e.end_inclusive + 1;
        if (doc.original.slice(e.start, end) !== e.text) continue; // the spec's offsets disagree with its own text
        let crossed = '';
        for (let i = 0; i < doc.tokens.length; i++) {
          const [s, t] = doc.textToOriginal.mapRange(doc.tokens.start(i), doc.tokens.end(i));
          if (crossesEdge(s, t, e.start, end)) crossed = doc.original.slice(s, t);
        }
        tally(r, group, !crossed, `${group}: ${e.text} in ${c.input} crossed by ${crossed}`);
      }
    }
  }
  const mainText = join(peer, 'mainText');
  if (existsSync(mainText)) {
    for (const slug of pages(mainText)) {
      const doc = runPage(mainText, slug, pipeline);
      add(`one token: ${slug}`, doc.text, doc.tokens, doc.text.match(/\d+(?:\.\d+)?/gu) ?? [], slug);
    }
  }
  r.groups = Object.fromEntries(Object.entries(r.groups).sort(([a], [b]) => a.localeCompare(b)));
  return r;
}

/** News pages: strings that must be in the main text and furniture that must not, page by page. */
export function evalMainText(dir: string, pipeline: Pipeline): PeerReport {
  const r: PeerReport = { name: 'Main text of Chinese news pages (with/without strings)', passed: 0, total: 0, groups: {}, failures: [] };
  for (const slug of pages(dir)) {
    const exp = JSON.parse(readFileSync(join(dir, slug, 'expected.json'), 'utf8')) as { with: string[]; without: string[] };
    const doc = runPage(dir, slug, pipeline);
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
